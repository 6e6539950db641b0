from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("在线学习")

    def ready(self) -> None:
        from assessments.signals import attempt_passed

        from . import signal_handlers
        from .signals import course_completed

        attempt_passed.connect(signal_handlers.on_attempt_passed, dispatch_uid="learning.attempt_passed")
        course_completed.connect(signal_handlers.on_course_completed, dispatch_uid="learning.course_completed")

        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete, post_save

        setting_changed.connect(signal_handlers.on_setting_changed, dispatch_uid="learning.setting_changed")
        from wagtail.signals import page_published, page_unpublished

        from media.models import Video

        from .models import LessonPage

        for model in (LessonPage, Video):
            post_save.connect(signal_handlers.on_lesson_or_video_changed, sender=model, dispatch_uid=f"learning.cache.{model.__name__}")
            post_delete.connect(signal_handlers.on_lesson_or_video_changed, sender=model, dispatch_uid=f"learning.cache.del.{model.__name__}")
        for signal in (page_published, page_unpublished):
            signal.connect(signal_handlers.on_lesson_or_video_changed, sender=LessonPage, dispatch_uid=f"learning.cache.{signal}")
        self._connect_search()

    def _connect_search(self) -> None:
        """Courses and lessons are findable through the search capability (learning/search_documents.py): search
        keeps page documents current itself; the lessons that show a video follow its subtitles here."""
        from media.signals import video_ready, video_subtitles_changed
        from search.registry import search_source_register

        from . import signal_handlers
        from .search_documents import SOURCES

        for source in SOURCES:
            search_source_register(source)
        for signal in (video_subtitles_changed, video_ready):
            signal.connect(signal_handlers.on_video_text_changed, dispatch_uid=f"learning.search.video.{signal}")
