"""/api/v1/search/: the answer's shape on both backends and the Chinese refusals."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from search.services import search_index_rebuild

pytestmark = pytest.mark.django_db
URL = "/api/v1/search/"


def test_answer_shape(backend, content):
    search_index_rebuild()
    response = APIClient().get(URL, {"q": "数控", "kind": "recording"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"query", "total", "page", "num_pages", "kinds", "results"}
    assert body["query"] == "数控" and body["total"] == 2 and body["page"] == 1 and body["num_pages"] == 1
    assert body["kinds"] == [
        {"kind": "course", "label": "课程", "count": 1},
        {"kind": "lesson", "label": "课时", "count": 0},
        {"kind": "recording", "label": "讲座与沙龙", "count": 2},
        {"kind": "studio", "label": "工作室", "count": 0},
    ]
    hit = body["results"][0]
    assert set(hit) == {"kind", "object_id", "title", "title_html", "snippet_html", "url", "studio", "published_at"}
    assert {r["object_id"] for r in body["results"]} == {content["lecture"].pk, content["salon"].pk}
    assert all(r["kind"] == "recording" for r in body["results"])


def test_subtitles_are_searchable_through_the_api(backend, content):
    search_index_rebuild()
    body = APIClient().get(URL, {"q": "切削液"}).json()
    assert [(r["kind"], r["object_id"]) for r in body["results"]] == [("lesson", content["video_lesson"].pk)]
    assert "<mark>" in body["results"][0]["snippet_html"]


@pytest.mark.parametrize(("params", "message"), [
    ({"q": ""}, "请输入要搜索的关键词。"),
    ({"q": "数" * 101}, "关键词太长了，请不要超过 100 个字。"),
])
def test_bad_queries_get_a_chinese_400(backend, params, message):
    response = APIClient().get(URL, params)
    assert response.status_code == 400
    assert response.json() == {"detail": message}


def test_missing_query_and_bad_page_are_400(backend):
    assert APIClient().get(URL).status_code == 400
    assert APIClient().get(URL, {"q": "数控", "page": "x"}).status_code == 400
