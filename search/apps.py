from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("搜索")

    def ready(self) -> None:
        """Page documents follow their pages (signal_handlers.py): any page kind a feature registers."""
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from . import signal_handlers

        for signal in (page_published, page_unpublished):
            signal.connect(signal_handlers.on_page_published_or_unpublished, dispatch_uid=f"search.pages.{signal}")
        for signal in (post_page_move, page_slug_changed):
            signal.connect(signal_handlers.on_page_moved_or_renamed, dispatch_uid=f"search.pages.{signal}")
        for signal in (post_save, post_delete):
            signal.connect(signal_handlers.on_view_restriction_changed, sender=PageViewRestriction,
                           dispatch_uid=f"search.restrictions.{signal}")
        post_delete.connect(signal_handlers.on_page_deleted, dispatch_uid="search.pages.deleted")
