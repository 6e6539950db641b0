"""Page documents: studio pages are findable, and search's own page signals (search/signal_handlers.py) reindex
the documents at, below and above a changed page for every feature that registers a page model."""

from __future__ import annotations

import pytest

from cms.search_documents import STUDIO
from search import signal_handlers
from search.selectors import search_kinds, search_run
from search.services import search_documents_update, search_index_rebuild

pytestmark = pytest.mark.django_db


def _found(query: str) -> set[tuple[str, int]]:
    return {(hit.kind, hit.object_id) for hit in search_run(query=query).hits}


def test_a_studio_is_found_by_its_name_and_its_lead_and_goes_when_unpublished(backend, content):  # type: ignore[no-untyped-def]
    page = content["studio_page"]
    studio = page.studio
    search_index_rebuild()
    assert STUDIO in dict(search_kinds())
    assert (STUDIO, page.pk) in _found(studio.name)
    assert (STUDIO, page.pk) in _found(studio.lead.real_name)
    page.unpublish()
    search_documents_update(kind=STUDIO, ids=[page.pk])
    assert (STUDIO, page.pk) not in _found(studio.name)


def test_a_changed_page_reindexes_the_documents_at_below_and_above_it(content, monkeypatch):  # type: ignore[no-untyped-def]
    queued: list[tuple[str, list[int]]] = []
    monkeypatch.setattr(signal_handlers, "search_update_enqueue", lambda *, kind, ids: queued.append((kind, sorted(ids))))
    lesson, cnc = content["video_lesson"], content["cnc"]
    lesson.save_revision().publish()
    by_kind = dict(queued)
    assert by_kind["lesson"] == [lesson.pk]  # the lesson itself
    assert by_kind["course"] == [cnc.pk]  # its course lists the lessons' titles
    assert by_kind[STUDIO] == [content["studio_page"].pk]  # and the studio page above them
    assert by_kind["recording"] == []  # recordings are not around it

    queued.clear()
    content["studio_page"].save_revision().publish()
    by_kind = dict(queued)
    assert set(by_kind["course"]) == {cnc.pk, content["welding"].pk, content["draft"].pk}  # every course below
    assert content["text"].pk in by_kind["lesson"] and lesson.pk in by_kind["lesson"]


def test_a_deleted_page_is_removed_and_the_pages_above_are_made_again(content, monkeypatch):  # type: ignore[no-untyped-def]
    updated: list[tuple[str, list[int]]] = []
    removed: list[tuple[str, list[int]]] = []
    monkeypatch.setattr(signal_handlers, "search_update_enqueue", lambda *, kind, ids: updated.append((kind, sorted(ids))))
    monkeypatch.setattr(signal_handlers, "search_remove_enqueue", lambda *, kind, ids: removed.append((kind, sorted(ids))))
    text = content["text"]
    text.delete()
    assert ("lesson", [text.pk]) in removed
    assert ("course", [content["cnc"].pk]) in updated
