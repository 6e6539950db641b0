"""Reactions to page and media signals, connected in RecordingsConfig.ready(): keep the search index current."""

from __future__ import annotations

from typing import Any


def _update(ids: list[int]) -> None:
    from search.tasks import search_update_enqueue

    from .search_documents import RECORDING

    search_update_enqueue(kind=RECORDING, ids=ids)


def on_page_publication_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A recording was published or unpublished: reindexed, or removed when no longer findable."""
    _update([instance.pk])


def on_page_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from search.tasks import search_remove_enqueue

    from .search_documents import RECORDING

    search_remove_enqueue(kind=RECORDING, ids=[instance.pk])


def _subtree_update(page_id: int) -> None:
    from wagtail.models import Page

    from .models import RecordingPage

    page = Page.objects.filter(pk=page_id).only("path").first()  # gone when the page is being deleted
    if page is not None:
        _update(list(RecordingPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)))


def on_view_restriction_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A view restriction on a page changed: the recordings at or below it follow."""
    _subtree_update(instance.page_id)


def on_page_tree_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Any page moved, or its published slug changed: the URLs of the recordings below it changed."""
    _subtree_update(instance.pk)


def on_video_text_changed(sender: Any, video: Any, **kwargs: Any) -> None:
    """A video's subtitles changed or it became ready: reindex the recordings that show it."""
    from .models import RecordingPage

    _update(list(RecordingPage.objects.filter(video=video).values_list("pk", flat=True)))
