from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordingsConfig(AppConfig):
    name = "recordings"
    verbose_name = _("讲座与沙龙")

    def ready(self) -> None:
        """Recordings are findable through the search capability (recordings/search_documents.py)."""
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from media.signals import video_ready, video_subtitles_changed
        from search.registry import search_source_register

        from . import signal_handlers
        from .models import RecordingPage
        from .search_documents import SOURCES

        for source in SOURCES:
            search_source_register(source)
        for signal in (page_published, page_unpublished):
            signal.connect(signal_handlers.on_page_publication_changed, sender=RecordingPage,
                           dispatch_uid=f"recordings.search.{signal}")
        post_delete.connect(signal_handlers.on_page_deleted, sender=RecordingPage, dispatch_uid="recordings.search.delete")
        for signal in (post_save, post_delete):
            signal.connect(signal_handlers.on_view_restriction_changed, sender=PageViewRestriction,
                           dispatch_uid=f"recordings.search.restriction.{signal}")
        for signal in (video_subtitles_changed, video_ready):
            signal.connect(signal_handlers.on_video_text_changed, dispatch_uid=f"recordings.search.video.{signal}")
        for signal in (post_page_move, page_slug_changed):  # any page: URLs below it change
            signal.connect(signal_handlers.on_page_tree_changed, dispatch_uid=f"recordings.search.tree.{signal}")
