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
