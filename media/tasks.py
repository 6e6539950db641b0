"""Celery tasks of the media app (routed to the "transcode" queue): thin callers of the services.

``video_process`` is ``acks_late`` and ``reject_on_worker_lost``: a worker killed mid-transcode
returns the message to the queue and the next worker restarts the job cleanly (see
``services.processing``). Transient errors are retried with exponential backoff; after the last
retry the video is marked failed with the reason, so nothing is left "processing" forever.
"""

from __future__ import annotations

import random
import traceback

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from . import conf
from .services import processing, upload_sessions_expire, videos_requeue_stale


def _backoff(retries: int) -> int:
    return min(600, 15 * 2**retries) + random.randint(0, 10)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # counted by hand below, so that the last failure can mark the video failed
    time_limit=conf.task_time_limit(),
    soft_time_limit=conf.task_time_limit() - 60,
)
def video_process(self, video_id: int) -> str:  # type: ignore[no-untyped-def]
    holder = processing.worker_holder(self.request.id)
    try:
        return processing.video_process(video_id=video_id, holder=holder)
    except processing.VideoBusy as busy:
        # another live worker has it: look again once its lease would have run out
        video_process.apply_async((video_id,), countdown=busy.retry_in)
        return "busy"
    except SoftTimeLimitExceeded:
        return processing.video_fail(
            video_id=video_id,
            reason=_("处理超时：视频太长或服务器太忙，请联系管理员后重试。"),
        )
    except Exception as exc:
        if self.request.retries >= conf.task_max_retries():
            return processing.video_fail(
                video_id=video_id,
                reason=_("处理多次失败（存储或服务器故障），请稍后重试或联系管理员。"),
                detail=traceback.format_exc()[-4096:],
            )
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(acks_late=True)
def videos_sweep() -> dict[str, int]:
    """Periodic (Celery beat): re-enqueue videos whose job was lost, drop expired unfinished uploads."""
    return {"requeued": len(videos_requeue_stale()), "expired_uploads": upload_sessions_expire()}
