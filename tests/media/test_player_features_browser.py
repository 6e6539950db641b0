"""The player in Chromium at 360 px on a video processed by the real pipeline: subtitles in two languages,
resume where the viewer stopped (also after a reload), and the MP4 fallback in a browser with neither
Media Source Extensions nor native HLS (an old Android WebView), where playback still advances.

The video is processed by the real Celery worker; its files live in the MEDIA_ROOT the live server serves,
and are removed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from media import services
from media.models import Video, VideoStatus
from media.services.storage import storage_delete_tree
from tests.celery_worker import wait_until

from .conftest import _clip, browser_login, upload_file
from .test_videos import SRT, VTT_EN

PLAY_WAIT_MS = 30_000


@pytest.fixture(scope="module")
def twenty_seconds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _clip(tmp_path_factory.mktemp("player") / "lecture.mp4", size="320x240", seconds=20)


@pytest.fixture
def ready_video(celery_worker, live_server, people, twenty_seconds: Path) -> Iterator[Video]:
    video = upload_file(owner=people["master_a"], path=twenty_seconds, title="对刀讲解")  # enqueued on commit
    try:
        wait_until(lambda: Video.objects.get(pk=video.pk).is_finished, timeout=180, message="the worker")
        video.refresh_from_db()
        assert video.status == VideoStatus.READY, (video.error_reason, celery_worker.log_tail())
        services.subtitle_set(video=video, language="zh-Hans", label="中文", content=SRT, filename="a.srt")
        services.subtitle_set(video=video, language="en", label="English", content=VTT_EN, filename="a.vtt")
        yield video
    finally:
        storage_delete_tree(f"videos/{video.uid}")


def _video(page: Any, expression: str) -> Any:
    return page.evaluate(
        f"() => {{ const v = document.querySelector('video[data-hls-player]'); return {expression}; }}"
    )


def test_subtitles_and_resume_position_with_hls(live_server, phone_page, client, people, ready_video):
    page = phone_page
    browser_login(page, client, people["worker_a"], live_server)  # a learner: watches, does not manage
    url = f"{live_server.url}/videos/{ready_video.uid}/"
    page.goto(url)
    assert _video(page, "!!v.hls")  # hls.js drives this one

    tracks = page.locator("video[data-hls-player] track")
    assert [tracks.nth(i).get_attribute("srclang") for i in range(tracks.count())] == ["en", "zh-Hans"]
    showing = page.evaluate(
        "() => [...document.querySelector('video').textTracks].filter(t => t.mode === 'showing').map(t => t.language)"
    )
    assert showing == ["zh-Hans"]  # the page's language is shown by default
    page.evaluate("() => { for (const t of document.querySelector('video').textTracks) t.mode = 'hidden'; }")
    page.wait_for_function(
        "() => [...document.querySelector('video').textTracks].every(t => t.cues && t.cues.length > 0)",
        timeout=PLAY_WAIT_MS,
    )
    cues = page.evaluate(
        """() => Object.fromEntries([...document.querySelector('video').textTracks]
                 .map(t => [t.language, [...t.cues].map(c => c.text)]))"""
    )
    assert cues["zh-Hans"][1] == "先把刀架移到安全位置。" and "CNC lathe" in cues["en"][0]

    # play from the start past 6 s, pause: the position is remembered in this browser
    page.evaluate(
        "() => { const v = document.querySelector('video'); v.muted = true; v.currentTime = 5; return v.play(); }"
    )
    page.wait_for_function("() => document.querySelector('video').currentTime > 6.2", timeout=PLAY_WAIT_MS)
    _video(page, "v.pause()")
    stopped = int(_video(page, "v.currentTime"))
    assert page.evaluate(f"() => localStorage.getItem('media:position:{ready_video.uid}')") == str(stopped)

    page.reload()  # back later: the player starts where the viewer stopped
    page.wait_for_function(
        f"() => document.querySelector('video').currentTime >= {stopped}", timeout=PLAY_WAIT_MS
    )
    assert _video(page, "v.currentTime") == stopped


NO_MSE_NO_NATIVE_HLS = """
  for (const name of ['MediaSource', 'ManagedMediaSource', 'WebKitMediaSource']) { delete window[name]; }
  const canPlayType = HTMLMediaElement.prototype.canPlayType;
  HTMLMediaElement.prototype.canPlayType = function (type) {
    return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
  };
"""


def test_mp4_fallback_plays_where_neither_hls_js_nor_native_hls_works(
    live_server, phone_page, client, people, ready_video
):
    page = phone_page
    page.add_init_script(NO_MSE_NO_NATIVE_HLS)
    browser_login(page, client, people["master_a"], live_server)
    page.goto(f"{live_server.url}/videos/{ready_video.uid}/")
    assert page.evaluate("() => !window.Hls.isSupported()")
    assert _video(page, "v.currentSrc").endswith(ready_video.mp4_fallback.url)
    assert page.locator(f"#quality-{ready_video.uid}").is_hidden()  # no levels to choose without hls.js
    page.evaluate(
        "() => { window.beats = []; document.addEventListener('media:heartbeat', e => window.beats.push(e.detail)); }"
    )
    page.select_option(f"#speed-{ready_video.uid}", "2")
    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 1.5", timeout=PLAY_WAIT_MS)
    _video(page, "v.pause()")
    assert _video(page, "v.playbackRate") == 2 and _video(page, "v.videoHeight") == 240
    beat = page.evaluate("() => window.beats.at(-1)")
    assert beat["video"] == str(ready_video.uid) and beat["end"] > beat["start"] and beat["rate"] == 2
