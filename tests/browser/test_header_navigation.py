"""The header on a 360 px phone, with the demo content: 首页 / 工作室 / 课程 / 讲座与沙龙 (and 我的学习 once
logged in) lead where they say, mark the current section, and no page scrolls sideways."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from cms.demo import data
from tests.cms.pages import wagtail_roots_ensure
from tests.playwright_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360


def _page_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _shoot(page: Any, shots: Path, name: str) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=False)


def _current(page: Any) -> str:
    return page.locator(".main-nav a[aria-current]").inner_text().strip()


def test_header_navigation_fits_a_360px_phone(live_server, phone_page, tmp_path):  # type: ignore[no-untyped-def]
    wagtail_roots_ensure()
    call_command("load_demo_data", stdout=io.StringIO())
    page = phone_page
    nav = page.get_by_role("navigation", name="主导航")

    page.goto(f"{live_server.url}/")
    assert [link.strip() for link in nav.get_by_role("link").all_inner_texts()] == ["首页", "工作室", "课程", "讲座与沙龙"]
    assert _current(page) == "首页"
    assert _page_width(page) <= PHONE_WIDTH
    _shoot(page, tmp_path, "home")

    nav.get_by_role("link", name="课程").click()
    page.wait_for_url(f"{live_server.url}/courses/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "课程中心"
    assert page.get_by_test_id("course-card").count() == 5 and _current(page) == "课程"
    assert _page_width(page) <= PHONE_WIDTH
    _shoot(page, tmp_path, "courses")

    page.get_by_role("link", name="数控车床精密加工入门").click()
    page.wait_for_url("**/cnc-lathe-precision-basics/")
    assert _current(page) == "课程"  # a course sits in a studio's section, but belongs to 课程
    assert page.locator(".main-nav a[aria-current='true']").count() == 1
    assert _page_width(page) <= PHONE_WIDTH

    nav.get_by_role("link", name="讲座与沙龙").click()
    page.wait_for_url(f"{live_server.url}/talks/")
    assert _current(page) == "讲座与沙龙" and _page_width(page) <= PHONE_WIDTH

    # logged in, the header gains 我的学习 and the user's links, and still fits
    log_in(page, live_server.url, username="zhangwei", password=data.DEMO_PASSWORD, landing="/courses/")
    assert _page_width(page) <= PHONE_WIDTH
    _shoot(page, tmp_path, "courses-logged-in")
    nav.get_by_role("link", name="我的学习").click()
    page.wait_for_url(f"{live_server.url}/learning/")
    assert _current(page) == "我的学习"
    assert "班组安全生产管理" in page.get_by_test_id("required-list").inner_text()
    assert "数控车床精密加工入门" in page.get_by_test_id("in-progress-list").inner_text()
    assert _page_width(page) <= PHONE_WIDTH
    _shoot(page, tmp_path, "my-learning")

    # every link of the header is on screen: nothing is pushed past the right edge
    for box in (link.bounding_box() for link in page.locator(".site-header a, .site-header button").all()):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
