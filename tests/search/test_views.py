"""The /search/ page on both backends: results, kind chips with counts, pagination, clear messages."""

from __future__ import annotations

import re

import pytest

from search.services import search_index_rebuild

pytestmark = pytest.mark.django_db


def _html(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_results_link_to_pages_with_highlights_and_chips(client, backend, content):
    search_index_rebuild()
    html = _html(client, "/search/?q=数控")
    assert f'href="{content["cnc"].get_url()}"' in html
    assert "<mark>数控</mark>" in html
    assert 'data-testid="search-results"' in html
    chips = dict(re.findall(r'data-kind="(\w+)"[^>]*>[^<]+<span class="count">(\d+)</span>', html))
    assert chips == {"course": "1", "lesson": "0", "recording": "2", "studio": "0"}
    assert '<span class="count">3</span>' in html  # 全部
    assert 'for="search-q"' in html and 'id="search-q"' in html  # the box has its label
    only = _html(client, "/search/?q=数控&kind=recording")
    assert f'href="{content["cnc"].get_url()}"' not in only
    assert f'href="{content["lecture"].get_url()}"' in only
    assert 'data-kind="recording" aria-current="true"' in only


def test_empty_and_too_long_queries_get_a_chinese_message(client, backend):
    assert "请输入要搜索的关键词" in _html(client, "/search/?q=")
    assert "请输入要搜索的关键词" in _html(client, "/search/?q=%20%20")
    assert "关键词太长了" in _html(client, "/search/?q=" + "数" * 101)
    assert "search-error" not in _html(client, "/search/")  # no query yet: just the box


def test_nonsense_parameters_never_fail(client, backend, content):
    search_index_rebuild()
    for query in ("?q=数控&page=abc", "?q=数控&page=-3", "?q=数控&page=99999", "?q=数控&kind=<x>", "?q=%00",
                  "?q=<script>", "?q=*:*", '?q="'):
        assert client.get(f"/search/{query}").status_code == 200, query
    assert "<script>" not in _html(client, "/search/?q=<script>").split('id="search-q"')[1].split(">")[0]


def test_no_results_message(client, backend, content):
    search_index_rebuild()
    assert "没有找到相关内容" in _html(client, "/search/?q=量子计算")


def test_pagination_keeps_the_query_and_kind(client, backend, content, settings):
    search_index_rebuild()
    settings.SEARCH_PER_PAGE = 2
    first = _html(client, "/search/?q=数控")
    assert first.count("<li>") - first.count('<li><a') >= 2
    assert 'href="?q=%E6%95%B0%E6%8E%A7&amp;page=2" rel="next"' in first
    second = _html(client, "/search/?q=数控&page=2")
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert "第 2 / 2 页" in second


def test_header_has_a_labelled_search_box(client, site_pages):
    html = _html(client, "/")
    assert 'action="/search/"' in html and 'for="header-search-q"' in html and 'id="header-search-q"' in html


def test_the_page_speaks_english_too(client, backend):
    html = client.get("/search/?q=", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Please enter the keywords to search for." in html
    assert "Search courses, lessons, lectures, salons and studios" in html


def test_titles_and_text_are_escaped(client, backend, content):
    cnc = content["cnc"]
    cnc.title = "数控<script>alert(1)</script>入门"
    cnc.summary = "<img src=x onerror=alert(1)>数控车床"
    cnc.save()
    search_index_rebuild()
    html = _html(client, "/search/?q=数控")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_the_header_box_speaks_english(client, site_pages):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'placeholder="Search courses and talks"' in html
