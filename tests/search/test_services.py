"""Indexing through the registry's sources, on the real Elasticsearch node and on the database."""

from __future__ import annotations

import pytest

from search.selectors import search_run
from search.services import search_documents_remove, search_documents_update, search_index_rebuild

pytestmark = pytest.mark.django_db


def _found(query: str, **kwargs) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return {(hit.kind, hit.object_id) for hit in search_run(query=query, **kwargs).hits}


def test_chinese_bigrams_and_single_characters(backend, content):
    assert search_index_rebuild() == 9  # 2 courses, 2 lessons, 2 recordings, 3 studios; never the draft
    cnc, lecture, salon = content["cnc"], content["lecture"], content["salon"]
    assert {("course", cnc.pk), ("recording", lecture.pk), ("recording", salon.pk)} <= _found("数控")
    assert ("course", cnc.pk) in _found("加工")
    assert ("course", content["welding"].pk) in _found("焊")  # a single character
    assert ("lesson", content["text"].pk) in _found("高速切削")  # lesson text, HTML stripped
    assert ("course", content["draft"].pk) not in _found("草稿")
    assert _found("量子计算") == set()


def test_subtitle_text_is_found(backend, content):
    search_index_rebuild()
    assert _found("主轴转速") == {("lesson", content["video_lesson"].pk)}
    assert _found("安全交底") == {("recording", content["lecture"].pk)}


def test_hits_are_highlighted_and_link_to_the_page(backend, content):
    search_index_rebuild()
    page = search_run(query="数控加工")
    first = page.hits[0]
    assert (first.kind, first.object_id) == ("course", content["cnc"].pk)  # title matches first
    assert "<mark>" in first.title_html and first.url == content["cnc"].get_url()
    assert "<b>" not in search_run(query="高速切削").hits[0].snippet_html


def test_kind_filter_keeps_the_counts_of_every_kind(backend, content):
    search_index_rebuild()
    everything = search_run(query="数控")
    assert everything.kind_counts == {"course": 1, "recording": 2}
    only = search_run(query="数控", kinds=["recording"])
    assert {hit.kind for hit in only.hits} == {"recording"} and only.total == 2
    assert only.kind_counts == everything.kind_counts
    assert search_run(query="数控", kinds=["nonsense"]).total == 3  # unknown kinds are ignored


def test_unpublished_page_is_removed_by_an_update(backend, content):
    search_index_rebuild()
    cnc = content["cnc"]
    assert ("course", cnc.pk) in _found("数控")
    cnc.unpublish()
    search_documents_update(kind="course", ids=[cnc.pk])
    search_documents_update(kind="lesson", ids=[content["text"].pk, content["video_lesson"].pk])
    assert ("course", cnc.pk) not in _found("数控")
    assert _found("高速切削") == set()  # its lessons go with it
    cnc.save_revision().publish()
    search_documents_update(kind="course", ids=[cnc.pk])
    assert ("course", cnc.pk) in _found("数控")


def test_view_restricted_pages_are_never_indexed(backend, content):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=content["studio_page"], restriction_type=PageViewRestriction.LOGIN)
    search_index_rebuild()
    assert ("course", content["cnc"].pk) not in _found("数控")
    assert _found("高速切削") == set()
    assert ("recording", content["salon"].pk) in _found("数控")


def test_remove_and_update_of_a_new_document(backend, content):
    search_index_rebuild()
    search_documents_remove(kind="recording", ids=[content["salon"].pk, 999999])
    assert ("recording", content["salon"].pk) not in _found("沙龙")
    search_documents_update(kind="recording", ids=[content["salon"].pk])
    assert ("recording", content["salon"].pk) in _found("沙龙")


def test_pagination(backend, content):
    search_index_rebuild()
    first = search_run(query="数控", per_page=2)
    second = search_run(query="数控", page=2, per_page=2)
    assert first.total == 3 and first.num_pages == 2 and first.has_next and not first.has_previous
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert {(h.kind, h.object_id) for h in first.hits}.isdisjoint({(h.kind, h.object_id) for h in second.hits})


def test_a_page_past_the_end_gives_the_last_page(backend, content):
    search_index_rebuild()
    late = search_run(query="数控", page=50, per_page=2)
    assert late.page == 2 and len(late.hits) == 1 and late.has_previous and not late.has_next


def test_every_space_separated_word_must_match(backend, content):
    search_index_rebuild()
    assert _found("数控 维护") == {("recording", content["lecture"].pk)}
    assert _found("维护 数控") == {("recording", content["lecture"].pk)}
