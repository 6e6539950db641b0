"""Settings of the video pipeline, each with a default (override any of them in Django settings)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

GIB = 1024**3


def upload_max_bytes() -> int:
    """Largest accepted upload (``MEDIA_UPLOAD_MAX_BYTES``, 4 GiB by default)."""
    return int(getattr(settings, "MEDIA_UPLOAD_MAX_BYTES", 4 * GIB))


def upload_chunk_bytes() -> int:
    """Bytes per PATCH the upload page sends (``MEDIA_UPLOAD_CHUNK_BYTES``, 16 MiB by default).

    Small enough to pass proxies with a body limit (nginx ``client_max_body_size``) and to lose little
    on a weak mobile network; a dropped chunk is resent from the server's offset.
    """
    return max(64 * 1024, int(getattr(settings, "MEDIA_UPLOAD_CHUNK_BYTES", 16 * 1024**2)))


def upload_tmp_dir() -> Path:
    """Where tus chunks are appended until an upload is complete (local to the web server)."""
    default = Path(settings.MEDIA_ROOT) / "uploads" / "tmp"
    return Path(getattr(settings, "MEDIA_UPLOAD_TMP_DIR", default))


def upload_expiry_hours() -> int:
    """An unfinished upload can be resumed for this long after its last chunk."""
    return int(getattr(settings, "MEDIA_UPLOAD_EXPIRY_HOURS", 24))


def work_dir() -> Path:
    """Scratch space of the transcoding workers.

    On the same disk as MEDIA_ROOT (the default), outputs are moved into storage, not copied.
    """
    default = Path(settings.MEDIA_ROOT) / "uploads" / "work"
    return Path(getattr(settings, "MEDIA_WORK_DIR", default))


def ffmpeg_binary() -> str:
    return str(getattr(settings, "MEDIA_FFMPEG_BINARY", "ffmpeg"))


def ffprobe_binary() -> str:
    return str(getattr(settings, "MEDIA_FFPROBE_BINARY", "ffprobe"))


def x264_preset() -> str:
    """libx264 speed/quality trade-off; ``veryfast`` keeps a 1080p lecture well above realtime."""
    return str(getattr(settings, "MEDIA_X264_PRESET", "veryfast"))


def hls_segment_seconds() -> int:
    return int(getattr(settings, "MEDIA_HLS_SEGMENT_SECONDS", 6))


def lease_seconds() -> int:
    """A worker that has not reported progress for this long is presumed dead and its job is taken over."""
    return int(getattr(settings, "MEDIA_PROCESS_LEASE_SECONDS", 120))


def progress_interval_seconds() -> float:
    """Progress is written to the database at most this often."""
    return float(getattr(settings, "MEDIA_PROGRESS_INTERVAL_SECONDS", 1.0))


def task_max_retries() -> int:
    return int(getattr(settings, "MEDIA_TASK_MAX_RETRIES", 5))


def task_time_limit() -> int:
    """Hard limit of one processing run (seconds); long recordings need far more than the global default."""
    return int(getattr(settings, "MEDIA_TASK_TIME_LIMIT", 6 * 3600))


def stale_after_seconds() -> int:
    """A video waiting in uploaded/probing/processing with no live lease this long is re-enqueued."""
    return int(getattr(settings, "MEDIA_STALE_AFTER_SECONDS", 10 * 60))
