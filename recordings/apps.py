from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordingsConfig(AppConfig):
    name = "recordings"
    verbose_name = _("讲座与沙龙")

    def ready(self) -> None:
        """Recordings are findable through the search capability (recordings/search_documents.py): search keeps
        page documents current itself; the recordings that show a video follow its subtitles here."""
        from media.signals import video_ready, video_subtitles_changed
        from search.registry import search_source_register

        from . import signal_handlers
        from .search_documents import SOURCES

        for source in SOURCES:
            search_source_register(source)
        for signal in (video_subtitles_changed, video_ready):
            signal.connect(signal_handlers.on_video_text_changed, dispatch_uid=f"recordings.search.video.{signal}")
