"""Playwright in Debian's Chromium (/usr/bin/chromium) against pytest-django's live server.

One browser for the whole session (re-exported by tests/conftest.py): Playwright's sync API allows
only one running instance per thread, so every browser test uses ``chromium_browser`` / ``phone_page``.

Playwright's sync API runs an event loop in this thread, so Django's async-safety guard has to be lifted
for the database work the tests do around it (the live server itself runs in its own thread).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing (run scripts/services.sh install)", pytrace=False)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"],
            headless=True,
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def phone_page(chromium_browser: Any) -> Iterator[Any]:
    """A fresh browser context the size of a small Android phone, Chinese locale, touch enabled."""
    context = chromium_browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def no_horizontal_scroll(page: Any) -> bool:
    """The page fits the viewport's width (no sideways scrolling at 360 px)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def log_in(page: Any, base_url: str, *, username: str, password: str, landing: str = "/") -> None:
    """Log in through the login page as a person would, and wait for the page it leads to."""
    page.goto(f"{base_url}/accounts/login/" + (f"?next={landing}" if landing != "/" else ""))
    page.get_by_label("手机号或用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}{landing}")
