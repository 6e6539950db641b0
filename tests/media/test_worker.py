"""The pipeline through real Celery workers on Redis: HLS decoded end to end, and killed workers.

The session worker (``celery_worker``) runs the normal path; the kill tests start workers of their own
(``killable_workers``) so that killing one never takes the session's worker down.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from media.models import Video, VideoStatus
from media.services.storage import storage_delete_tree
from tests.celery_worker import wait_until

from .conftest import _clip, sha256, upload_file
from .test_processing import assert_hls_decodes
from .workers import Workers

JOB_TIMEOUT = 240.0


@pytest.fixture
def cleanup_videos():  # type: ignore[no-untyped-def]
    """These tests write to the real MEDIA_ROOT the worker shares: remove their videos' files after."""
    created: list[str] = []
    yield created
    for uid in created:
        storage_delete_tree(f"videos/{uid}")


@pytest.fixture(scope="module")
def long_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """720p, 24 s, 25 fps: long enough to be killed in the middle of transcoding on a 2-core machine."""
    return _clip(tmp_path_factory.mktemp("long") / "lecture.mp4", size="1280x720", seconds=24, rate=25)


def _status(video: Video) -> Video:
    video.refresh_from_db()
    return video


def _ffmpeg_children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid), "ffmpeg"], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_upload_is_processed_by_the_worker_into_decodable_hls(celery_worker, people, samples, cleanup_videos):
    video = upload_file(owner=people["master_a"], path=samples.hd, parts=3)  # enqueued on commit
    cleanup_videos.append(str(video.uid))
    wait_until(lambda: _status(video).is_finished, timeout=JOB_TIMEOUT, message="the video to be processed")
    assert video.status == VideoStatus.READY, (video.error_reason, celery_worker.log_tail())
    assert video.percent == 100
    assert [r.height for r in video.renditions.order_by("height")] == [240, 360, 720]
    assert all(r.height <= 720 for r in video.renditions.all())
    assert_hls_decodes(Path(default_storage.path(video.hls_master.name)))
    assert sha256(Path(default_storage.path(video.original.name))) == sha256(samples.hd)


def test_corrupt_upload_fails_cleanly_through_the_worker(celery_worker, people, samples, cleanup_videos):
    video = upload_file(owner=people["master_a"], path=samples.truncated_faststart)  # probes fine
    cleanup_videos.append(str(video.uid))
    wait_until(lambda: _status(video).is_finished, timeout=JOB_TIMEOUT, message="the job to finish")
    assert video.status == VideoStatus.FAILED and "文件不完整" in video.error_reason
    assert video.stderr_tail and video.lease_owner == "" and video.attempts == 1
    assert sha256(Path(default_storage.path(video.original.name))) == sha256(samples.truncated_faststart)


def _wait_transcoding(video: Video) -> int:
    """Wait until ffmpeg is transcoding (progress reported); return the pid of the pool process."""
    wait_until(
        lambda: _status(video).stage == "transcode" and video.percent >= 5,
        timeout=JOB_TIMEOUT,
        interval=0.1,
        message="ffmpeg to report transcoding progress",
    )
    pid = int(video.lease_owner.split(":")[1])
    assert _ffmpeg_children(pid), "ffmpeg should be running under the pool process"
    return pid


def test_killed_worker_job_completes_when_a_new_worker_starts(
    killable_workers: Workers, people, long_clip, cleanup_videos
):
    first = killable_workers.start()
    video = upload_file(owner=people["master_a"], path=long_clip)
    cleanup_videos.append(str(video.uid))
    pool_pid = _wait_transcoding(video)
    percent_at_kill = video.percent

    Workers.kill(first)  # SIGKILL: no warm shutdown, no chance to release anything
    wait_until(lambda: not _ffmpeg_children(pool_pid), timeout=10, message="ffmpeg to die with its worker")
    video = _status(video)
    assert video.status == VideoStatus.PROCESSING and video.percent == percent_at_kill  # left mid-way

    killable_workers.start()  # a worker returns: it finds the orphaned job and runs it from the original
    wait_until(lambda: _status(video).is_finished, timeout=JOB_TIMEOUT, message="the job to complete")
    assert video.status == VideoStatus.READY, (video.error_reason, killable_workers.log(1))
    assert video.attempts == 2
    assert_hls_decodes(Path(default_storage.path(video.hls_master.name)))
    renditions = f"videos/{video.uid}/renditions"
    assert default_storage.listdir(renditions)[0] == [
        video.output_prefix.rsplit("/", 1)[1]
    ]  # dead run's gone


def test_killed_pool_process_is_redelivered_and_completes(
    killable_workers: Workers, people, long_clip, cleanup_videos
):
    killable_workers.start()
    video = upload_file(owner=people["master_a"], path=long_clip)
    cleanup_videos.append(str(video.uid))
    pool_pid = _wait_transcoding(video)
    os.kill(pool_pid, signal.SIGKILL)  # the OOM killer's way: the main process sees WorkerLostError
    wait_until(lambda: _status(video).is_finished, timeout=JOB_TIMEOUT, message="the job to complete")
    assert video.status == VideoStatus.READY, (video.error_reason, killable_workers.log(0))
    assert video.attempts == 2 and video.lease_owner == ""
    assert_hls_decodes(Path(default_storage.path(video.hls_master.name)))
