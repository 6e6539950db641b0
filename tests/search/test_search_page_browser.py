"""A worker on a 360 px phone searches from the header, filters by kind and opens a result."""

from __future__ import annotations

import pytest

from search.services import search_index_rebuild
from tests.playwright_browser import no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_from_the_header_on_a_phone(live_server, phone_page, content, settings):
    settings.ELASTICSEARCH_URL = ""  # the database backend: the live server runs in this process
    search_index_rebuild()
    page = phone_page
    page.goto(f"{live_server.url}/")
    page.get_by_role("searchbox", name="搜索课程、讲座").fill("数控")
    page.get_by_role("searchbox", name="搜索课程、讲座").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_test_id("search-count").inner_text().strip() == "找到 3 条结果"
    assert page.get_by_role("searchbox", name="搜索课程、课时、讲座与沙龙").input_value() == "数控"
    assert no_horizontal_scroll(page)

    chips = page.get_by_role("navigation", name="按类型筛选")
    chips.get_by_role("link", name="讲座与沙龙 2").click()
    page.wait_for_url("**kind=recording*")
    assert page.get_by_test_id("search-count").inner_text().strip() == "找到 2 条结果"
    assert no_horizontal_scroll(page)

    page.get_by_test_id("search-results").get_by_role("link", name="数控机床维护讲座").click()
    page.wait_for_url(f"{live_server.url}{content['lecture'].get_url()}")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "数控机床维护讲座"

    page.goto(f"{live_server.url}/search/?q=")
    assert "请输入要搜索的关键词" in page.get_by_role("alert").inner_text()
    assert no_horizontal_scroll(page)
    for box in (el.bounding_box() for el in page.locator(".site-header a, .site-header button, .site-header input[type=search]").all()):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
