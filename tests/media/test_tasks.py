"""The Celery task around the job: its queue, its delivery guarantees, and retries with backoff.

The retries run through Celery's own ``Task.apply`` (each retry is applied again at once, the countdown
skipped) on a real failure: the workers' scratch folder cannot be created. A worker on Redis runs the
same task in test_worker.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from celery.signals import task_retry

from config import celery_app
from media import tasks
from media.models import VideoStatus

from .conftest import upload_file

pytestmark = pytest.mark.django_db


def test_video_tasks_go_to_the_transcode_queue_and_survive_a_dead_worker():
    route = celery_app.amqp.router.route({}, tasks.video_process.name, args=(1,), kwargs={})
    assert route["queue"].name == "transcode"
    assert celery_app.amqp.router.route({}, "notifications.tasks.anything")["queue"].name == "default"
    assert tasks.video_process.acks_late and tasks.video_process.reject_on_worker_lost


def test_backoff_grows_exponentially_and_is_capped():
    waits = [tasks._backoff(n) for n in range(8)]
    assert all(15 * 2**n <= waits[n] <= 15 * 2**n + 10 for n in range(5))
    assert all(600 <= w <= 610 for w in waits[6:])


@pytest.fixture
def blocked_scratch(settings, media_root: Path) -> Path:  # type: ignore[no-untyped-def]
    """The scratch folder's parent is a file: creating the scratch folder fails (NotADirectoryError)."""
    blocker = media_root / "full-disk"
    blocker.write_text("not a folder")
    settings.MEDIA_WORK_DIR = blocker / "work"
    return blocker


def test_a_transient_failure_is_retried_and_the_job_then_completes(people, samples, blocked_scratch):
    video = upload_file(owner=people["master_a"], path=samples.small)
    retried: list[str] = []

    def disk_repaired(sender=None, reason=None, **kwargs):  # type: ignore[no-untyped-def]
        retried.append(str(reason))
        blocked_scratch.unlink(missing_ok=True)  # the operator freed the disk before the retry runs

    task_retry.connect(disk_repaired, weak=False)
    try:
        result = tasks.video_process.apply(args=(video.pk,))
    finally:
        task_retry.disconnect(disk_repaired)
    assert result.get() == "ready"
    assert len(retried) == 1 and "Not a directory" in retried[0]
    video.refresh_from_db()
    assert video.status == VideoStatus.READY and video.attempts == 2 and video.lease_owner == ""


def test_a_failure_that_outlasts_the_retries_ends_failed_with_the_reason(
    people, samples, blocked_scratch, settings
):
    settings.MEDIA_TASK_MAX_RETRIES = 2
    video = upload_file(owner=people["master_a"], path=samples.small)
    assert tasks.video_process.apply(args=(video.pk,)).get() == "failed"
    video.refresh_from_db()
    assert video.status == VideoStatus.FAILED and video.attempts == 3  # the first run and two retries
    assert "处理多次失败" in video.error_reason
    assert "NotADirectoryError" in video.stderr_tail  # the traceback, for staff
    assert video.lease_owner == "" and video.original  # nothing held, the original kept
