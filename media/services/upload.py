"""Resumable uploads (the tus 1.0 core protocol, with creation, termination and expiration).

The upload starts a ``Video`` in status "uploading"; chunks are appended to a temporary file under
MEDIA_ROOT/uploads/tmp; the size of that file *is* the offset, so a connection dropped in the middle
of a chunk keeps every byte that arrived and the client resumes from there. When the last byte is in,
``upload_complete`` moves the file into storage untouched as the video's original and enqueues processing.
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import os
import shutil
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import ApplicationError

from .. import conf
from ..models import UploadSession, Video, VideoEvent, VideoStatus, video_original_upload_to
from .probe import VideoRejected, probe_video
from .storage import storage_put

if TYPE_CHECKING:
    from accounts.models import User

CHUNK = 1024 * 1024


def upload_permission_check(*, user: User) -> None:
    if not user.has_perm("media.upload_video"):
        raise PermissionDenied(_("只有劳模工匠、工会干部和管理员可以上传视频。"))


def tus_metadata_parse(header: str) -> dict[str, str]:
    """``Upload-Metadata: filename ZGVtby5tcDQ=,title 5rWL6K+V`` → {"filename": "demo.mp4", "title": …}."""
    metadata: dict[str, str] = {}
    for pair in header.split(","):
        pair = pair.strip()
        if not pair:
            continue
        key, _sep, value = pair.partition(" ")
        if not key or not key.isascii() or " " in value.strip():
            raise ApplicationError(_("Upload-Metadata 格式错误。"))
        try:
            metadata[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8") if value else ""
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise ApplicationError(
                _("Upload-Metadata 格式错误：值必须是 Base64 编码的 UTF-8 文本。")
            ) from exc
    return metadata


def _expiry() -> datetime:
    return timezone.now() + timedelta(hours=conf.upload_expiry_hours())


def _safe_filename(name: str) -> str:
    name = os.path.basename(name.replace("\\", "/")).strip().replace("\x00", "")
    return name[:255] or "video"


@transaction.atomic
def upload_create(*, owner: User, length: int, metadata: dict[str, str]) -> UploadSession:
    """Start an upload of ``length`` bytes: a Video in status "uploading" and an empty temporary file."""
    upload_permission_check(user=owner)
    limit = conf.upload_max_bytes()
    if length <= 0:
        raise ApplicationError(_("文件是空的，请选择一个视频文件。"))
    if length > limit:
        raise ApplicationError(
            _("文件太大（%(size)s）：单个视频最大 %(max)s。请压缩或分段录制后再上传。")
            % {"size": filesizeformat(length), "max": filesizeformat(limit)},
            status=413,
        )
    tmp_dir = conf.upload_tmp_dir()
    tmp_dir.mkdir(parents=True, exist_ok=True)
    if shutil.disk_usage(tmp_dir).free < length:
        raise ApplicationError(
            _("服务器存储空间不足，暂时无法接收这个文件，请稍后再试或联系管理员。"), status=507
        )
    filename = _safe_filename(metadata.get("filename") or metadata.get("name") or "")
    title = (metadata.get("title") or "").strip() or os.path.splitext(filename)[0] or _("未命名视频")
    video = Video.objects.create(
        title=title[:200], owner=owner, organisation=owner.organisation, original_name=filename, size=length
    )
    VideoEvent.objects.create(
        video=video,
        from_status="",
        to_status=video.status,
        actor=owner,
        reason=_("开始上传 %(name)s（%(size)s）") % {"name": filename, "size": filesizeformat(length)},
    )
    session_id = uuid.uuid4()
    temp_path = tmp_dir / f"{session_id}.part"
    temp_path.touch()
    return UploadSession.objects.create(
        id=session_id,
        owner=owner,
        video=video,
        filename=filename,
        size=length,
        temp_path=str(temp_path),
        metadata=metadata,
        expires_at=_expiry(),
    )


def upload_session_get(*, session_id: uuid.UUID | str, owner: User) -> UploadSession:
    """The caller's own upload; unknown, someone else's, or cancelled → 404; expired → 410."""
    session = UploadSession.objects.select_related("video").filter(pk=session_id, owner=owner).first()
    if session is None:
        raise ApplicationError(_("上传不存在或已被取消。"), status=404)
    if not session.is_complete and session.expires_at <= timezone.now():
        raise ApplicationError(_("这次上传已过期，请重新上传。"), status=410)
    return session


def upload_offset(*, session: UploadSession) -> int:
    """Bytes received so far: the size of the temporary file (every byte that reached the disk counts)."""
    if session.is_complete:
        return session.size
    try:
        return Path(session.temp_path).stat().st_size
    except FileNotFoundError:
        return session.offset


def upload_append(
    *, session: UploadSession, offset: int, stream: IO[bytes], length: int | None
) -> UploadSession:
    """Append one PATCH body at ``offset``; a body cut short by a dropped connection keeps what arrived.

    Raises ApplicationError 409 when ``offset`` is not where the file ends (or another request is
    writing the same upload) and 413 when the body would go past the declared size.
    """
    if session.is_complete:
        if offset == session.size and not length:
            return session
        raise ApplicationError(_("这个文件已经上传完成。"), status=409, extra={"offset": session.size})
    with Path(session.temp_path).open("ab") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ApplicationError(_("这个文件正在另一个连接中上传，请稍后再试。"), status=409) from exc
        current = os.fstat(handle.fileno()).st_size
        if offset != current:
            raise ApplicationError(
                _("续传位置不一致：服务器已收到 %(have)d 字节，本次请求从第 %(got)d 字节开始。")
                % {"have": current, "got": offset},
                status=409,
                extra={"offset": current},
            )
        remaining = session.size - current
        if length is not None and length > remaining:
            raise ApplicationError(_("本次上传的数据超出了文件声明的大小。"), status=413)
        to_read = remaining if length is None else length
        while to_read > 0:
            try:
                chunk = stream.read(min(CHUNK, to_read))
            except OSError:  # the client went away mid-body: keep what arrived, the client resumes
                break
            if not chunk:
                break
            handle.write(chunk)
            to_read -= len(chunk)
        handle.flush()
        received = os.fstat(handle.fileno()).st_size
    UploadSession.objects.filter(pk=session.pk).update(offset=received, expires_at=_expiry())
    session.offset = received
    if received == session.size:
        upload_complete(session_id=session.pk)
        session.refresh_from_db()
    return session


def upload_complete(*, session_id: uuid.UUID) -> Video:
    """Move the finished upload into storage as the untouched original; the video becomes "uploaded".

    The file is checked with ffprobe first: not a video, no picture, zero duration or an unsupported
    codec ends the video in "failed" at once with a Chinese reason (the original is stored anyway).
    Idempotent: a second call (a retried last PATCH) returns the same video. Processing is enqueued
    when the transaction commits.
    """
    session = UploadSession.objects.select_related("video").get(pk=session_id)
    video = session.video
    if session.is_complete:
        return video
    temp = Path(session.temp_path)
    name = video_original_upload_to(video, session.filename)
    rejected: VideoRejected | None = None
    if temp.exists():
        if temp.stat().st_size != session.size:
            raise ApplicationError(_("文件还没有上传完整。"), status=409)
        try:  # validate before accepting the job: the uploader learns at once what is wrong
            probe_video(temp)
        except VideoRejected as error:
            rejected = error
        stored = storage_put(name, temp, move=True)  # local storage: a rename, not a 4 GB copy
    elif video.original.storage.exists(name) and video.original.storage.size(name) == session.size:
        stored = name  # an earlier call stored it, then failed before committing
    else:
        raise ApplicationError(_("上传的临时文件丢失了，请重新上传。"), status=410)
    with transaction.atomic():
        session = UploadSession.objects.select_for_update().get(pk=session_id)
        video = Video.objects.select_for_update().get(pk=session.video_id)
        if session.is_complete:
            return video
        video.original.name = stored
        video.size = session.size
        video.mark_uploaded()
        video.save()
        VideoEvent.objects.create(
            video=video,
            from_status=VideoStatus.UPLOADING,
            to_status=video.status,
            actor=session.owner,
            reason=_("上传完成，等待处理"),
        )
        session.completed_at = timezone.now()
        session.offset = session.size
        session.save(update_fields=["completed_at", "offset"])
        if rejected is None:
            video_enqueue(video_id=video.pk)
        else:  # kept untouched in storage all the same; "retry" probes it again
            video.mark_failed()
            video.error_reason, video.stderr_tail = rejected.reason, rejected.detail[-4096:]
            video.save()
            VideoEvent.objects.create(
                video=video, from_status=VideoStatus.UPLOADED, to_status=video.status, reason=rejected.reason
            )
    temp.unlink(missing_ok=True)  # a copy (S3); after a move it is already gone
    return video


def video_enqueue(*, video_id: int) -> None:
    """Queue processing when the surrounding transaction commits (the worker must see the row)."""
    from ..tasks import video_process

    transaction.on_commit(lambda: video_process.delay(video_id))


@transaction.atomic
def upload_terminate(*, session: UploadSession) -> None:
    """tus DELETE: cancel an unfinished upload (its video and temporary file go away)."""
    if session.is_complete:
        raise ApplicationError(_("上传已经完成，不能取消；如需删除视频请联系管理员。"), status=409)
    temp = Path(session.temp_path)
    Video.objects.filter(pk=session.video_id, status=VideoStatus.UPLOADING).delete()
    transaction.on_commit(lambda: temp.unlink(missing_ok=True))


def upload_sessions_expire() -> int:
    """Remove unfinished uploads past their expiry (video, session and temporary file)."""
    expired = list(
        UploadSession.objects.filter(
            completed_at__isnull=True, expires_at__lte=timezone.now()
        ).select_related("video")
    )
    for session in expired:
        with transaction.atomic():
            Video.objects.filter(pk=session.video_id, status=VideoStatus.UPLOADING).delete()
        Path(session.temp_path).unlink(missing_ok=True)
    return len(expired)
