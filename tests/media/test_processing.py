"""The processing job run in-process on real media with the real ffmpeg: outputs, metadata, failures.

(The same job through a real Celery worker, including a killed worker, is in test_worker.py.)
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from media.models import Video, VideoStage, VideoStatus
from media.services import processing
from media.signals import video_ready

from .conftest import FFMPEG, _clip, sha256, upload_file

pytestmark = pytest.mark.django_db


def _local(name: str) -> Path:
    return Path(default_storage.path(name))


def _process(video: Video) -> str:
    return processing.video_process(video_id=video.pk, holder=processing.worker_holder("test"))


def assert_hls_decodes(master: Path) -> None:
    """ffmpeg reads the master playlist and every segment of every rendition without a single error."""
    done = subprocess.run(
        [
            FFMPEG,
            "-hide_banner",
            "-nostdin",
            "-v",
            "error",
            "-i",
            str(master),
            "-map",
            "0",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr


def test_hd_source_becomes_an_hls_ladder_without_upscaling(
    media_root, people, samples, django_capture_on_commit_callbacks
):
    received = []
    video_ready.connect(
        lambda sender, video, **kw: received.append(video.pk), weak=False, dispatch_uid="t-ready"
    )
    try:
        video = upload_file(owner=people["master_a"], path=samples.hd)
        original_sha = sha256(_local(video.original.name))
        with django_capture_on_commit_callbacks(execute=True):
            assert _process(video) == "ready"
    finally:
        video_ready.disconnect(dispatch_uid="t-ready")

    video.refresh_from_db()
    assert video.status == VideoStatus.READY
    assert (video.stage, video.percent, video.attempts) == (VideoStage.DONE, 100, 1)
    assert (video.width, video.height, video.video_codec, video.audio_codec) == (1280, 720, "h264", "aac")
    assert video.duration == pytest.approx(2.0, abs=0.1)
    assert received == [video.pk]

    renditions = list(video.renditions.order_by("height"))
    assert [r.name for r in renditions] == ["240p-low", "360p", "720p"]  # no 1080p from a 720p source
    assert all(r.height <= video.height and r.width <= video.width for r in renditions)
    assert [r.height for r in renditions] == [240, 360, 720]
    assert all(r.codecs.startswith("avc1.") and r.codecs.endswith(",mp4a.40.2") for r in renditions)

    master = _local(video.hls_master.name)
    text = master.read_text()
    assert text.count("#EXT-X-STREAM-INF") == 3 and "RESOLUTION=1280x720" in text
    assert_hls_decodes(master)
    for rendition in renditions:  # every rendition on its own decodes too, at its own size
        playlist = _local(rendition.playlist.name)
        assert "#EXT-X-ENDLIST" in playlist.read_text()
        assert_hls_decodes(playlist)

    for field in ("mp4_fallback", "poster", "thumbnails_sprite", "thumbnails_vtt"):
        assert _local(getattr(video, field).name).stat().st_size > 0, field
    vtt = _local(video.thumbnails_vtt.name).read_text()
    assert vtt.startswith("WEBVTT") and "sprite.jpg#xywh=0,0,160,90" in vtt

    assert sha256(_local(video.original.name)) == original_sha  # the original is never touched
    statuses = list(video.events.order_by("at", "pk").values_list("to_status", flat=True))
    assert statuses == ["uploading", "uploaded", "probing", "processing", "ready"]


def test_full_hd_source_gets_the_1080p_rung_too(media_root, people, tmp_path):
    source = _clip(tmp_path / "fullhd.mp4", size="1920x1080", seconds=1)
    video = upload_file(owner=people["master_a"], path=source)
    assert _process(video) == "ready"
    video.refresh_from_db()
    renditions = list(video.renditions.order_by("height"))
    assert [(r.name, r.width, r.height) for r in renditions] == [
        ("240p-low", 426, 240),
        ("360p", 640, 360),
        ("720p", 1280, 720),
        ("1080p", 1920, 1080),
    ]
    assert renditions[-1].codecs.startswith("avc1.64")  # High profile for the 1080p rung
    master = _local(video.hls_master.name).read_text()
    assert "RESOLUTION=1920x1080" in master and master.count("#EXT-X-STREAM-INF") == 4
    assert_hls_decodes(_local(video.hls_master.name))


def test_small_silent_source_gets_one_rung_and_no_audio(media_root, people, samples):
    video = upload_file(owner=people["master_a"], path=samples.silent)
    assert _process(video) == "ready"
    video.refresh_from_db()
    assert video.audio_codec == ""
    assert [(r.name, r.width, r.height, r.audio_bitrate) for r in video.renditions.all()] == [
        ("240p-low", 320, 240, 0)
    ]
    assert "mp4a" not in _local(video.hls_master.name).read_text()
    assert_hls_decodes(_local(video.hls_master.name))


def test_regenerating_replaces_the_outputs_and_removes_the_old_ones(
    media_root, people, samples, django_capture_on_commit_callbacks
):
    from media.services import video_regenerate

    video = upload_file(owner=people["master_a"], path=samples.small)
    with django_capture_on_commit_callbacks(execute=True):
        _process(video)
    video.refresh_from_db()
    first_prefix = video.output_prefix
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        video_regenerate(video=video, actor=people["master_a"])
    assert len(callbacks) == 1  # the task is enqueued when the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        assert _process(video) == "ready"
    video.refresh_from_db()
    assert video.attempts == 2 and video.output_prefix != first_prefix
    assert not _local(first_prefix).exists()
    assert_hls_decodes(_local(video.hls_master.name))


@pytest.mark.parametrize(
    ("sample", "reason"),
    [
        ("text", "无法识别该文件"),
        ("truncated", "无法识别该文件"),
        ("audio_only", "只有声音"),
        ("image", "时长为零"),
        ("unknown_codec", "不支持的视频编码（ZZZZ）"),
        ("truncated_faststart", "文件不完整"),
    ],
)
def test_bad_sources_fail_with_a_chinese_reason_and_keep_the_original(
    media_root, people, samples, sample, reason
):
    path = getattr(samples, sample)
    video = upload_file(owner=people["master_a"], path=path)
    if sample == "truncated_faststart":  # a valid header: only decoding finds out
        assert video.status == VideoStatus.UPLOADED and _process(video) == "failed"
    else:  # refused by ffprobe when the upload completes, before any job is queued
        assert video.status == VideoStatus.FAILED and _process(video) == "skipped:failed"
    video.refresh_from_db()
    assert video.status == VideoStatus.FAILED
    assert reason in video.error_reason
    assert video.lease_owner == "" and video.renditions.count() == 0 and not video.hls_master
    assert sha256(_local(video.original.name)) == sha256(path)  # kept, byte for byte
    assert video.events.filter(to_status=VideoStatus.FAILED, reason=video.error_reason).exists()
    if sample in ("truncated", "truncated_faststart", "unknown_codec"):
        assert video.stderr_tail  # what ffprobe/ffmpeg said, for staff


def test_retry_after_failure_runs_again_from_the_original(
    media_root, people, samples, django_capture_on_commit_callbacks
):
    from media.services import video_retry

    video = upload_file(owner=people["master_a"], path=samples.text)
    assert video.status == VideoStatus.FAILED and video.attempts == 0  # refused on upload
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        video = video_retry(video=video, actor=people["staff_a"])
    assert video.status == VideoStatus.PROCESSING and video.error_reason == "" and len(callbacks) == 1
    assert _process(video) == "failed"  # still not a video: fails again, cleanly
    video.refresh_from_db()
    assert video.attempts == 1 and "无法识别该文件" in video.error_reason
    assert video.events.filter(to_status=VideoStatus.PROCESSING, actor=people["staff_a"]).exists()


def test_finished_videos_are_skipped_when_a_message_is_delivered_again(media_root, people, samples):
    video = upload_file(owner=people["master_a"], path=samples.small)
    assert _process(video) == "ready"
    assert _process(video) == "skipped:ready"
    video.refresh_from_db()
    assert video.attempts == 1
