"""The registry the features fill from their AppConfig.ready(); search itself imports none of them."""

from __future__ import annotations

import pytest

from config.errors import ApplicationError
from search.registry import (
    SearchDocument,
    SearchSource,
    search_source_get,
    search_source_register,
    search_sources,
)
from search.services import search_documents_update


def test_features_registered_their_sources_with_chinese_labels():
    assert [(s.kind, str(s.label)) for s in search_sources()] == [
        ("course", "课程"), ("lesson", "课时"), ("recording", "讲座与沙龙"), ("studio", "工作室"),
    ]
    assert search_source_get("course").documents.__module__ == "learning.search_documents"
    assert search_source_get("recording").documents.__module__ == "recordings.search_documents"
    assert search_source_get("mentorship") is None  # private records never have a source


def test_registering_again_replaces_the_source():
    original = search_source_get("course")
    try:
        search_source_register(SearchSource(kind="course", label="课程", documents=lambda ids: iter(())))
        assert len([s for s in search_sources() if s.kind == "course"]) == 1
        assert list(search_source_get("course").documents(None)) == []
    finally:
        search_source_register(original)


def test_document_key_and_dict():
    document = SearchDocument(kind="lesson", object_id=7, title="刀具选择", url="/l/7/")
    assert document.key == "lesson-7"
    assert document.as_dict()["tags"] == [] and document.as_dict()["published_at"] is None


def test_unknown_kind_is_a_chinese_error():
    with pytest.raises(ApplicationError, match="未知的搜索内容类型"):
        search_documents_update(kind="nonsense", ids=[1])
