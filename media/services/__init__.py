"""Writes of the media app. Callers import from here; the modules split the work:

- ``upload``: resumable (tus) uploads → the untouched original in storage
- ``probe``: ffprobe validation with Chinese reasons
- ``transcode``: ffmpeg commands and outputs, no database (the bench replays them bare)
- ``processing``: one job per video — claim, probe, transcode, store, publish; retries and takeovers
- ``videos``: user actions (retry, regenerate, rename) and subtitles
- ``storage``: local disk ↔ Django storage
"""

from .processing import (
    TransientMediaError,
    VideoBusy,
    video_fail,
    video_process,
    videos_requeue_orphaned,
    videos_requeue_stale,
    worker_holder,
)
from .upload import (
    tus_metadata_parse,
    upload_append,
    upload_complete,
    upload_create,
    upload_offset,
    upload_permission_check,
    upload_session_get,
    upload_sessions_expire,
    upload_terminate,
    video_enqueue,
)
from .videos import (
    subtitle_delete,
    subtitle_set,
    subtitle_to_vtt,
    video_regenerate,
    video_retry,
    video_update,
)

__all__ = [
    "TransientMediaError",
    "VideoBusy",
    "subtitle_delete",
    "subtitle_set",
    "subtitle_to_vtt",
    "tus_metadata_parse",
    "upload_append",
    "upload_complete",
    "upload_create",
    "upload_offset",
    "upload_permission_check",
    "upload_session_get",
    "upload_sessions_expire",
    "upload_terminate",
    "video_enqueue",
    "video_fail",
    "video_process",
    "video_regenerate",
    "video_retry",
    "video_update",
    "videos_requeue_orphaned",
    "videos_requeue_stale",
    "worker_holder",
]
