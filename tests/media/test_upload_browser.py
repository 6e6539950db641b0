"""The upload page in Chromium at 360 px: tus-js-client's upload is cut mid-way (the PATCH requests fail as
on a lost mobile connection), the page is reloaded, the same file chosen again, and the upload continues
from the server's offset to a byte-identical original. And the Wagtail admin's upload page with its bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage

from media.models import UploadSession, Video, VideoStatus

from .conftest import _clip, browser_login, sha256

CHUNK = 64 * 1024
CHUNKS_BEFORE_CUT = 3
UPLOADS = "**/api/v1/media/uploads/**"


@pytest.fixture(scope="module")
def big_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 1.8 MB (testsrc2 at CRF 10): some 28 PATCHes of 64 KB."""
    return _clip(
        tmp_path_factory.mktemp("upload") / "车间实拍.mp4",
        size="640x360",
        seconds=4,
        rate=25,
        pattern="testsrc2",
        crf=10,
    )


@pytest.fixture
def small_chunks(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_UPLOAD_CHUNK_BYTES = CHUNK


def _pump_until(page: Any, condition: Any, *, timeout: float, message: str) -> None:
    """Wait inside Playwright (route handlers and events of the sync API run only while it waits)."""
    waited = 0.0
    while not condition():
        if waited >= timeout:
            pytest.fail(f"timed out after {timeout:g}s waiting for {message}", pytrace=False)
        page.wait_for_timeout(100)
        waited += 0.1


def _server_offset() -> int:
    session = UploadSession.objects.first()
    return session.offset if session else 0


def test_upload_cut_mid_way_resumes_after_reload_from_the_server_offset(
    live_server, phone_page: Any, client, people, big_clip: Path, small_chunks: None
):
    page = phone_page
    browser_login(page, client, people["master_a"], live_server)
    sent: list[tuple[str, str | None]] = []  # (method, Upload-Offset) of every tus request
    page.on(
        "request",
        lambda r: (
            sent.append((r.method, r.headers.get("upload-offset"))) if "/media/uploads/" in r.url else None
        ),
    )
    state = {"patches": 0, "cut": 0}

    def lose_connection(route: Any) -> None:
        if route.request.method == "PATCH":
            state["patches"] += 1
            if state["patches"] > CHUNKS_BEFORE_CUT:  # the network is gone: every later PATCH fails
                state["cut"] += 1
                route.abort("internetdisconnected")
                return
        route.continue_()

    page.route(UPLOADS, lose_connection)
    page.goto(f"{live_server.url}/videos/upload/")
    page.set_input_files("#video-file", str(big_clip))
    page.fill("#video-title", "断点续传的课")
    page.click("[data-start]")

    # tus-js-client retries on its own (HEAD, then PATCH from the server's offset): still cut off
    _pump_until(page, lambda: state["cut"] >= 2, timeout=30, message="the client to retry the cut PATCH")
    assert _server_offset() == CHUNKS_BEFORE_CUT * CHUNK
    shown = page.locator("[data-progress]").evaluate("bar => bar.value")
    assert 0 < shown < 100  # the bar shows the part that arrived

    page.unroute(UPLOADS)  # the network is back; the user reloads and picks the same file again
    page.reload()
    before_reload = len(sent)
    page.set_input_files("#video-file", str(big_clip))
    page.click("[data-start]")
    page.wait_for_url("**/videos/*-*-*-*-*/", timeout=60_000)

    after = sent[before_reload:]
    assert ("POST", None) not in after  # no new upload was created: the old one was resumed
    first_patch = next(offset for method, offset in after if method == "PATCH")
    assert first_patch == str(CHUNKS_BEFORE_CUT * CHUNK)  # from where the server stopped, not from 0
    assert UploadSession.objects.count() == 1 and Video.objects.count() == 1
    video = Video.objects.get()
    assert video.title == "断点续传的课"
    # complete and accepted (a worker of an earlier test may already have taken the job further)
    assert (
        video.status != VideoStatus.UPLOADING and video.events.filter(to_status=VideoStatus.UPLOADED).exists()
    )
    assert sha256(Path(default_storage.path(video.original.name))) == sha256(big_clip)
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('tus::')).length") == 0


def test_admin_upload_page_shows_the_bar_and_opens_the_admin_status(
    live_server, phone_page: Any, client, people, samples, small_chunks: None
):
    from django.contrib.auth.models import Permission

    user = people["master_a"]
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    page = phone_page
    browser_login(page, client, user, live_server)
    page.goto(f"{live_server.url}/admin/videos/upload/")
    page.evaluate(  # what the bar showed, kept across the redirect that follows the upload
        """() => new MutationObserver(() => {
                 const seen = JSON.parse(sessionStorage.getItem('bar') || '[]');
                 seen.push(document.querySelector('[data-progress]').value);
                 sessionStorage.setItem('bar', JSON.stringify(seen));
             }).observe(document.querySelector('[data-progress-text]'),
                        {childList: true, characterData: true, subtree: true})"""
    )
    page.set_input_files("#video-file", str(samples.hd))
    page.click("[data-start]")
    page.wait_for_url("**/admin/videos/*-*-*-*-*/", timeout=60_000)
    video = Video.objects.get()
    assert page.url.endswith(f"/admin/videos/{video.uid}/")
    assert page.get_by_test_id("admin-progress").is_visible()
    seen = page.evaluate("() => JSON.parse(sessionStorage.getItem('bar'))")
    assert seen == sorted(seen) and seen[-1] == 100 and any(0 < p < 100 for p in seen), seen
    assert sha256(Path(default_storage.path(video.original.name))) == sha256(samples.hd)
