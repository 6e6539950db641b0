"""Keeping page documents current, connected in SearchConfig.ready(): for every source with a ``page_model``
(registry.py), a change to a page reindexes the documents at or below it (their visibility and URLs follow it)
and those above it (a course lists its lessons' titles); reindexing removes what is no longer findable. The
work runs after the commit, in search.tasks."""

from __future__ import annotations

from typing import Any

from .registry import search_sources
from .tasks import search_remove_enqueue, search_update_enqueue


def _page_sources() -> list[Any]:
    return [source for source in search_sources() if source.page_model is not None]


def _ancestor_paths(path: str, steplen: int) -> list[str]:
    return [path[:end] for end in range(steplen, len(path), steplen)]


def pages_changed(*, path: str, steplen: int) -> None:
    """The page at ``path`` changed: reindex the page documents at, below and above it."""
    from django.db.models import Q

    for source in _page_sources():
        around = Q(path__startswith=path) | Q(path__in=_ancestor_paths(path, steplen))
        ids = list(source.page_model.objects.filter(around).values_list("pk", flat=True))
        search_update_enqueue(kind=source.kind, ids=ids)


def _page_changed(page_id: int) -> None:
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).only("path").first()  # the path after a move; None once deleted
    if page is not None:
        pages_changed(path=page.path, steplen=page.steplen)


def on_page_published_or_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    _page_changed(instance.pk)


def on_page_moved_or_renamed(sender: Any, instance: Any, **kwargs: Any) -> None:
    _page_changed(instance.pk)


def on_view_restriction_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A view restriction was added, changed or lifted on a page (gone when the page is being deleted)."""
    _page_changed(instance.page_id)


def on_page_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A page was deleted: its own document goes, the documents above it are made again."""
    from wagtail.models import Page

    if not isinstance(instance, Page):
        return
    for source in _page_sources():
        if isinstance(instance, source.page_model):
            search_remove_enqueue(kind=source.kind, ids=[instance.pk])
    if len(instance.path) > instance.steplen:  # not a root
        pages_changed(path=instance.path[: -instance.steplen], steplen=instance.steplen)
