"""Rebuilding: Elasticsearch fills a new index while the alias keeps serving the old one, then swaps;
the management command prints its progress on both backends."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from elasticsearch import Elasticsearch

from search.mapping import alias_name
from search.selectors import search_run
from search.services import search_index_rebuild

pytestmark = pytest.mark.django_db


def _found(query: str) -> set[tuple[str, int]]:
    return {(hit.kind, hit.object_id) for hit in search_run(query=query).hits}


def _aliased(client: Elasticsearch) -> list[str]:
    return sorted(client.indices.get_alias(name=alias_name()))


def test_rebuild_swaps_the_alias_and_keeps_serving(es_settings, content):
    client = Elasticsearch(es_settings.ELASTICSEARCH_URL)
    search_index_rebuild()
    (before,) = _aliased(client)
    salon = content["salon"]
    salon.unpublish()  # no update: only the rebuild will notice
    seen_during: list[tuple[set, list[str]]] = []
    count = search_index_rebuild(progress=lambda done, total: seen_during.append((_found("沙龙"), _aliased(client))))
    assert count == 8  # 9 less the salon
    assert seen_during and seen_during[-1] == ({("recording", salon.pk)}, [before])  # the old index answered
    (after,) = _aliased(client)
    assert after != before
    assert not client.indices.exists(index=before)  # the old index is gone
    assert ("recording", salon.pk) not in _found("沙龙")
    assert ("course", content["cnc"].pk) in _found("数控")
    client.close()


def test_first_update_creates_the_index_behind_the_alias(es_settings, content):
    from search.services import search_documents_update

    client = Elasticsearch(es_settings.ELASTICSEARCH_URL)
    assert not client.indices.exists_alias(name=alias_name())
    assert _found("数控") == set()  # nothing indexed yet: no hits, no error
    search_documents_update(kind="course", ids=[content["cnc"].pk])
    assert _aliased(client) == [f"{alias_name()}-initial"]
    assert _found("数控") == {("course", content["cnc"].pk)}
    client.close()


def test_search_rebuild_command_prints_progress(backend, content):
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    text = out.getvalue()
    assert "9 documents of 9" in text and "search index rebuilt: 9 documents" in text  # 6 + 3 studio pages
    assert ("course", content["cnc"].pk) in _found("数控")
