"""End to end in Chromium at 360 px: upload with tus-js-client, live progress while the real Celery
worker transcodes, then hls.js plays the HLS stream (currentTime advances) with the player's hooks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from media.models import Video
from media.services.storage import storage_delete_tree

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser(chromium_browser: Any) -> Any:
    return chromium_browser


@pytest.fixture
def phone(browser, live_server, client, people) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    client.force_login(people["master_a"])
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale="zh-CN")
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def test_upload_progress_then_hls_playback(celery_worker, live_server, phone, samples):
    page = phone
    page.goto(f"{live_server.url}/videos/upload/")
    page.set_input_files("#video-file", str(samples.hd))
    page.fill("#video-title", "浏览器上传的课")
    page.click("[data-start]")
    page.wait_for_url("**/videos/*-*-*-*-*/", timeout=60_000)  # tus upload done → the video's page
    video = Video.objects.get(title="浏览器上传的课")
    try:
        assert page.get_by_test_id("video-status").is_visible()
        # htmx polling replaces the status fragment until the page reloads itself with the player
        page.wait_for_selector("video[data-video-uid]", timeout=180_000)
        video.refresh_from_db()
        assert video.status == "ready", video.error_reason

        player = page.locator(f'video[data-video-uid="{video.uid}"]')
        assert player.get_attribute("poster")
        assert page.evaluate("() => !!(window.Hls && window.Hls.isSupported())")
        assert page.evaluate(
            f"() => window.JianglianPlayer.get('{video.uid}') === document.querySelector('video[data-video-uid]')"
        )
        page.evaluate(
            """() => { window.heartbeats = []; document.addEventListener('media:heartbeat',
                 e => window.heartbeats.push(e.detail)); }"""
        )
        page.select_option(f"#speed-{video.uid}", "1.5")
        page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
        page.wait_for_function("() => document.querySelector('video').currentTime > 0.8", timeout=30_000)
        assert page.evaluate("() => document.querySelector('video').playbackRate") == 1.5
        assert page.evaluate("() => document.querySelector('video').videoHeight") > 0
        page.evaluate("() => document.querySelector('video').pause()")
        beat = page.evaluate("() => window.heartbeats[window.heartbeats.length - 1]")
        assert beat["video"] == str(video.uid) and beat["end"] > beat["start"] >= 0
        quality = page.locator(f"#quality-{video.uid} option").all_text_contents()
        assert quality[1:] == ["240p", "360p", "720p"]  # from the HLS master, lowest first
    finally:
        storage_delete_tree(f"videos/{video.uid}")
