from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("视频")

    def ready(self) -> None:
        from celery.signals import worker_ready

        from . import signal_handlers

        worker_ready.connect(signal_handlers.requeue_orphaned_jobs, dispatch_uid="media-requeue-orphaned")
