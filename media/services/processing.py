"""Processing one video: claim it, probe, transcode, store the outputs, publish — safely re-runnable.

A run *claims* the video with a lease (``lease_owner``/``lease_expires``) renewed with every progress
write. Whatever delivers the job again (a killed worker's redelivered message, a Celery retry, the
stale-job sweeper) starts cleanly: each run writes its outputs into a folder of its own and only the
run that still holds the lease publishes them, replacing the previous outputs in one transaction.
A second delivery while a live worker holds the lease is told to come back later (``VideoBusy``); a
lease whose worker is gone (same host: the process no longer exists; elsewhere: the lease expired)
is taken over at once.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import conf
from ..models import Rendition, Video, VideoEvent, VideoStage, VideoStatus
from ..signals import video_ready
from .probe import ProbeResult, VideoRejected, probe_video
from .storage import storage_delete_tree, storage_local_path, storage_put_tree, storage_subdirs
from .transcode import FFmpegFailed, PipelineOutputs, PipelinePlan, plan_pipeline, run_pipeline

logger = logging.getLogger(__name__)

# overall percent at the start of each stage; the last stage ends at 100
STAGE_SPANS = {
    VideoStage.PROBE: (0, 3),
    VideoStage.TRANSCODE: (3, 88),
    VideoStage.THUMBNAILS: (88, 95),
    VideoStage.PUBLISH: (95, 99),
}
PROCESSABLE = (VideoStatus.UPLOADED, VideoStatus.PROBING, VideoStatus.PROCESSING)
INCOMPLETE_RATIO = 0.9  # decoding fewer seconds than this share of the probed duration: a truncated file

_ACTIVE_HOLDERS: set[str] = set()  # runs in progress in this process


class VideoBusy(Exception):
    """Another live worker is processing this video; try again in ``retry_in`` seconds."""

    def __init__(self, retry_in: int) -> None:
        super().__init__(f"busy, retry in {retry_in}s")
        self.retry_in = retry_in


class TransientMediaError(Exception):
    """Worth another try later: storage or disk trouble, ffmpeg killed by a signal."""


class LeaseLost(Exception):
    """Another run took this video over (our lease expired); this run stops without publishing."""


def worker_holder(task_id: str | None = None) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{task_id or uuid.uuid4().hex[:12]}"


def _holder_alive(holder: str) -> bool:
    """Best knowledge whether the run named ``holder`` still exists (other hosts: trust the lease)."""
    host, _sep, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return True
    pid = int(pid_text)
    if pid == os.getpid():
        return holder in _ACTIVE_HOLDERS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _event(video: Video, from_status: str, *, reason: str = "", actor=None) -> None:  # type: ignore[no-untyped-def]
    VideoEvent.objects.create(
        video=video, from_status=from_status, to_status=video.status, reason=reason, actor=actor
    )


def _lease_until() -> datetime:
    return timezone.now() + timedelta(seconds=conf.lease_seconds())


# --- claim ------------------------------------------------------------------------------------------------
@transaction.atomic
def _claim(*, video_id: int, holder: str) -> Video | None:
    video = Video.objects.select_for_update().filter(pk=video_id).first()
    if video is None or video.status not in PROCESSABLE or not video.original:
        return None
    now = timezone.now()
    if (
        video.lease_owner
        and video.lease_owner != holder
        and video.lease_expires
        and video.lease_expires > now
        and _holder_alive(video.lease_owner)
    ):
        raise VideoBusy(max(5, int((video.lease_expires - now).total_seconds()) + 1))
    before = video.status
    if video.status == VideoStatus.UPLOADED:
        video.start_probe()
    video.lease_owner = holder
    video.lease_expires = _lease_until()
    video.attempts += 1
    video.stage, video.percent = VideoStage.PROBE, STAGE_SPANS[VideoStage.PROBE][0]
    video.save()
    if before != video.status:
        _event(video, before, reason=_("开始处理（第 %(n)d 次）") % {"n": video.attempts})
    return video


class _Progress:
    """Writes stage and percent (throttled) and renews the lease; raises LeaseLost if it was taken over."""

    def __init__(self, *, video_id: int, holder: str) -> None:
        self.video_id, self.holder = video_id, holder
        self.last_write = 0.0
        self.last_percent = -1

    def __call__(self, stage: str, fraction: float = 0.0, *, force: bool = False) -> None:
        start, end = STAGE_SPANS[stage]  # type: ignore[index]
        percent = int(start + (end - start) * max(0.0, min(1.0, fraction)))
        now = time.monotonic()
        if not force and now - self.last_write < conf.progress_interval_seconds():
            return
        self.last_write, self.last_percent = now, percent
        updated = Video.objects.filter(pk=self.video_id, lease_owner=self.holder).update(
            stage=stage, percent=percent, lease_expires=_lease_until(), updated_at=timezone.now()
        )
        if not updated:
            raise LeaseLost(self.holder)

    def heartbeat(self) -> None:
        self(VideoStage.PUBLISH, 0.5)


@transaction.atomic
def _probe_done(*, video_id: int, holder: str, probe: ProbeResult) -> None:
    video = Video.objects.select_for_update().get(pk=video_id)
    if video.lease_owner != holder:
        raise LeaseLost(holder)
    before = video.status
    video.duration, video.width, video.height = probe.duration, probe.width, probe.height
    video.frame_rate, video.video_codec, video.audio_codec = (
        probe.frame_rate,
        probe.video_codec,
        probe.audio_codec,
    )
    if video.status == VideoStatus.PROBING:
        video.start_processing()
    video.stage, video.percent = VideoStage.TRANSCODE, STAGE_SPANS[VideoStage.TRANSCODE][0]
    video.save()
    if before != video.status:
        _event(
            video,
            before,
            reason=_("检测通过：%(w)d×%(h)d，%(d).1f 秒")
            % {"w": probe.width, "h": probe.height, "d": probe.duration},
        )


# --- failure, release ---------------------------------------------------------------------------------
@transaction.atomic
def video_fail(*, video_id: int, reason: str, detail: str = "", holder: str | None = None) -> str:
    """Mark the video failed with a reason for the uploader and ffmpeg's stderr tail for staff.

    With ``holder``, only if that run still holds the lease. The original stays untouched in storage.
    """
    video = Video.objects.select_for_update().filter(pk=video_id).first()
    if video is None:
        return "gone"
    if holder is not None and video.lease_owner not in ("", holder):
        return "superseded"
    if video.status not in PROCESSABLE:
        return f"skipped:{video.status}"
    before = video.status
    video.mark_failed()
    video.error_reason = reason
    video.stderr_tail = detail[-4096:]
    video.lease_owner, video.lease_expires = "", None
    video.save()
    _event(video, before, reason=reason)
    return "failed"


def video_release(*, video_id: int, holder: str) -> None:
    """Give the lease back (before a retry), so that the next delivery is not kept waiting."""
    Video.objects.filter(pk=video_id, lease_owner=holder).update(lease_owner="", lease_expires=None)


# --- publish ------------------------------------------------------------------------------------------
def _cleanup_outputs(uid: uuid.UUID, keep: str) -> None:
    """Delete every output folder of a video but ``keep`` (earlier runs, runs that were killed)."""
    base = f"videos/{uid}/renditions"
    for name in storage_subdirs(base):
        if f"{base}/{name}" != keep:
            try:
                storage_delete_tree(f"{base}/{name}")
            except Exception:  # best effort: a leftover folder wastes space, nothing more
                logger.warning("could not delete %s/%s", base, name, exc_info=True)


def _publish(*, video_id: int, holder: str, prefix: str, plan: PipelinePlan, outputs: PipelineOutputs) -> str:
    with transaction.atomic():
        video = Video.objects.select_for_update().filter(pk=video_id).first()
        if video is None or video.lease_owner != holder or video.status != VideoStatus.PROCESSING:
            storage_delete_tree(prefix)
            return "superseded"
        before = video.status
        video.renditions.all().delete()
        Rendition.objects.bulk_create(
            Rendition(
                video=video,
                name=r.name,
                width=r.width,
                height=r.height,
                video_bitrate=r.video_kbps,
                audio_bitrate=r.audio_kbps,
                bandwidth=r.bandwidth,
                codecs=r.codecs,
                playlist=f"{prefix}/{r.playlist}",
            )
            for r in outputs.renditions
        )
        video.hls_master.name = f"{prefix}/{outputs.master}"
        video.mp4_fallback.name = f"{prefix}/{outputs.mp4_fallback}"
        video.poster.name = f"{prefix}/{outputs.poster}"
        video.thumbnails_sprite.name = f"{prefix}/{outputs.sprite}"
        video.thumbnails_vtt.name = f"{prefix}/{outputs.thumbnails_vtt}"
        video.output_prefix = prefix
        video.processed_at = timezone.now()
        video.lease_owner, video.lease_expires = "", None
        video.mark_ready()
        video.save()
        names = "、".join(r.name for r in outputs.renditions)
        _event(video, before, reason=_("转码完成：%(names)s") % {"names": names})
        uid = video.uid
        transaction.on_commit(lambda: _cleanup_outputs(uid, keep=prefix))
        transaction.on_commit(lambda: video_ready.send(sender=Video, video=Video.objects.get(pk=video_id)))
    return "ready"


# --- the job ------------------------------------------------------------------------------------------
def _clear_stale_scratch(uid: uuid.UUID) -> None:
    root = conf.work_dir()
    if root.exists():
        for path in root.glob(f"{uid}-*"):
            shutil.rmtree(path, ignore_errors=True)


def video_process(*, video_id: int, holder: str) -> str:
    """Run the whole pipeline for one video; returns "ready", "failed", "superseded" or "skipped:…".

    Raises VideoBusy (a live worker holds the job) and TransientMediaError (try again later); on
    both, and on any unexpected error, the lease is given back.
    """
    video = _claim(video_id=video_id, holder=holder)
    if video is None:
        status = Video.objects.filter(pk=video_id).values_list("status", flat=True).first()
        return f"skipped:{status or 'gone'}"
    _ACTIVE_HOLDERS.add(holder)
    run = f"{timezone.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
    scratch: Path = conf.work_dir() / f"{video.uid}-{run}"
    try:
        _clear_stale_scratch(video.uid)  # we hold the lease: other scratch dirs of this video are dead runs'
        scratch.mkdir(parents=True)
        progress = _Progress(video_id=video_id, holder=holder)
        try:
            source = storage_local_path(video.original.name, scratch)
        except FileNotFoundError:
            return video_fail(
                video_id=video_id, holder=holder, reason=_("原始文件在存储中找不到了，请重新上传。")
            )
        except OSError as exc:
            raise TransientMediaError(f"reading the original failed: {exc}") from exc
        try:
            probe = probe_video(source)
        except VideoRejected as rejected:
            return video_fail(
                video_id=video_id, holder=holder, reason=rejected.reason, detail=rejected.detail
            )
        _probe_done(video_id=video_id, holder=holder, probe=probe)
        progress(VideoStage.TRANSCODE, 0.0, force=True)
        plan = plan_pipeline(source=source, out_dir=scratch / "out", probe=probe)
        try:
            outputs = run_pipeline(plan, on_stage=lambda stage, fraction: progress(stage, fraction))
        except FFmpegFailed as failed:
            if failed.transient:
                raise TransientMediaError(f"ffmpeg {failed.step}: exit {failed.returncode}") from failed
            return video_fail(
                video_id=video_id,
                holder=holder,
                detail=failed.stderr_tail,
                reason=_(
                    "转码失败：ffmpeg 无法处理这个文件（%(step)s 步骤）。"
                    "文件可能已损坏，或使用了不常见的编码。"
                )
                % {"step": failed.step},
            )
        if outputs.duration_decoded < probe.duration * INCOMPLETE_RATIO - 1:
            return video_fail(
                video_id=video_id,
                holder=holder,
                detail=outputs.warnings,
                reason=_(
                    "文件不完整：只能解码出 %(got).1f 秒，应有 %(want).1f 秒，可能上传时被截断。"
                    "请重新上传完整的文件。"
                )
                % {"got": outputs.duration_decoded, "want": probe.duration},
            )
        progress(VideoStage.PUBLISH, 0.0, force=True)
        prefix = f"videos/{video.uid}/renditions/{run}"
        try:
            storage_put_tree(prefix, plan.out_dir, after_each=progress.heartbeat)
        except OSError as exc:
            raise TransientMediaError(f"storing outputs failed: {exc}") from exc
        return _publish(video_id=video_id, holder=holder, prefix=prefix, plan=plan, outputs=outputs)
    except LeaseLost:
        logger.warning("video %s: run %s lost its lease to another worker; stopping", video_id, holder)
        return "superseded"
    except BaseException:
        video_release(video_id=video_id, holder=holder)
        raise
    finally:
        _ACTIVE_HOLDERS.discard(holder)
        shutil.rmtree(scratch, ignore_errors=True)


def videos_requeue_stale() -> list[int]:
    """Videos waiting for a worker that will not come (lost message, expired lease): enqueue them again."""
    from ..tasks import video_process as video_process_task

    now = timezone.now()
    quiet_since = now - timedelta(seconds=conf.stale_after_seconds())
    stale = list(
        Video.objects.filter(status__in=PROCESSABLE, updated_at__lt=quiet_since)
        .exclude(lease_expires__gt=now)
        .values_list("pk", flat=True)
    )
    for video_id in stale:
        video_process_task.delay(video_id)
    return stale


def videos_requeue_orphaned() -> list[int]:
    """Jobs whose worker died (killed, machine lost) mid-run: enqueue them again, now.

    Called when a worker starts (``worker_ready``): a run on this host whose process is gone is taken
    over at once; a run on another host keeps its lease, so the enqueued job waits for the lease to
    expire (``VideoBusy``) rather than racing a live worker. Videos still waiting for their first
    worker (status "uploaded", no lease) are enqueued too, in case their message was lost.
    """
    from ..tasks import video_process as video_process_task

    now = timezone.now()
    candidates = Video.objects.filter(status__in=PROCESSABLE).values_list("pk", "lease_owner", "lease_expires")
    orphaned = [
        pk
        for pk, owner, expires in candidates
        if not owner or not _holder_alive(owner) or (expires is not None and expires <= now)
    ]
    for video_id in orphaned:
        video_process_task.delay(video_id)
    return orphaned
