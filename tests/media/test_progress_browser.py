"""Live progress in Chromium: the video page (htmx) and the Wagtail admin's listing (admin_progress.js)
follow what the worker writes — percent, stage, then the end state — without the page being reloaded.

The worker's writes are made here with the same fields it updates (``stage``, ``percent``, ``status``),
so each step can be waited for exactly; the real worker's progress is in test_player_browser.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission

from media.models import Video, VideoStage, VideoStatus

from .conftest import browser_login
from .factories import VideoFactory

POLL_WAIT_MS = 15_000  # both pages poll every 2 s


def _write(video: Video, **fields: Any) -> None:
    Video.objects.filter(pk=video.pk).update(**fields)


def test_video_page_progress_bar_follows_the_job_without_reloading(live_server, phone_page, client, people):
    video = VideoFactory(
        owner=people["master_a"], status=VideoStatus.PROCESSING, stage=VideoStage.TRANSCODE, percent=10
    )
    page = phone_page
    browser_login(page, client, people["master_a"], live_server)
    page.goto(f"{live_server.url}/videos/{video.uid}/")
    bar = "[data-testid=video-status] progress"
    assert page.locator(bar).evaluate("bar => bar.value") == 10
    page.evaluate("() => { window.samePage = true; }")  # gone if the page were reloaded

    _write(video, stage=VideoStage.THUMBNAILS, percent=55)
    page.wait_for_function(f"() => document.querySelector('{bar}')?.value === 55", timeout=POLL_WAIT_MS)
    assert "生成封面和缩略图" in page.get_by_test_id("video-status").inner_text()
    assert "55%" in page.get_by_test_id("video-percent").inner_text()

    _write(
        video,
        status=VideoStatus.FAILED,
        error_reason="转码失败：测试写入的原因",
        stderr_tail="moov atom not found",
    )
    page.get_by_test_id("video-error").wait_for(timeout=POLL_WAIT_MS)
    assert page.get_by_test_id("video-error").inner_text() == "转码失败：测试写入的原因"
    assert page.evaluate("() => window.samePage") is True
    status = page.get_by_test_id("video-status")
    assert status.get_attribute("hx-trigger") is None  # finished: polling stops
    assert status.get_by_role("button", name="重试").is_visible()


def test_admin_listing_progress_follows_the_job_without_reloading(live_server, phone_page, client, people):
    user = people["staff_a"]
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    video = VideoFactory(
        owner=people["master_a"], status=VideoStatus.PROCESSING, stage=VideoStage.TRANSCODE, percent=10
    )
    page = phone_page
    browser_login(page, client, user, live_server)
    page.goto(f"{live_server.url}/admin/videos/")
    box = f'.media-progress[data-video-uid="{video.uid}"]'
    assert page.locator(f"{box} progress").evaluate("bar => bar.value") == 10
    page.evaluate("() => { window.samePage = true; }")

    _write(video, percent=64)
    page.wait_for_function(
        f"() => document.querySelector('{box} progress')?.value === 64", timeout=POLL_WAIT_MS
    )
    assert page.locator(f"{box} [data-percent]").inner_text() == "64%"

    _write(video, status=VideoStatus.READY, stage=VideoStage.DONE, percent=100)
    page.wait_for_function(
        f"() => document.querySelector('{box}').dataset.finished === '1'", timeout=POLL_WAIT_MS
    )
    assert page.locator(f"{box} [data-status]").inner_text() == "可播放"
    assert page.locator(f"{box} progress").count() == 0
    assert page.evaluate("() => window.samePage") is True
