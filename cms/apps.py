from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("站点内容")

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401
