from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("站点内容")

    def ready(self) -> None:
        from search.registry import search_source_register

        from . import signal_handlers  # noqa: F401
        from .search_documents import SOURCES

        for source in SOURCES:  # studio pages are findable (search keeps page documents current itself)
            search_source_register(source)
