"""Rules of the study ledger, overridable in settings (``LEARNING_*``)."""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default):  # type: ignore[no-untyped-def]
    return getattr(settings, name, default)


def video_complete_share() -> float:
    """A video lesson completes when this share of it has actually been played."""
    return float(_get("LEARNING_VIDEO_COMPLETE_SHARE", 0.9))


def max_playback_rate() -> float:
    """Played media is credited at most at this speed (2×)."""
    return float(_get("LEARNING_MAX_PLAYBACK_RATE", 2.0))


def heartbeat_max_window() -> float:
    """Seconds of wall-clock time one heartbeat may claim (the client sends one every ~10 s)."""
    return float(_get("LEARNING_HEARTBEAT_MAX_WINDOW", 30.0))


def heartbeat_max_age_days() -> int:
    """Offline heartbeats older than this are recorded but earn nothing."""
    return int(_get("LEARNING_HEARTBEAT_MAX_AGE_DAYS", 7))


def clock_skew_seconds() -> float:
    """How far ahead of the server a client's clock may be."""
    return float(_get("LEARNING_CLOCK_SKEW_SECONDS", 120.0))


def batch_max() -> int:
    return int(_get("LEARNING_HEARTBEAT_BATCH_MAX", 500))


def points_daily_cap() -> int:
    """积分: at most this many points per person per day."""
    return int(_get("LEARNING_POINTS_DAILY_CAP", 30))


def study_minutes_per_point() -> int:
    return int(_get("LEARNING_STUDY_MINUTES_PER_POINT", 5))


def points_lesson_completed() -> int:
    return int(_get("LEARNING_POINTS_LESSON_COMPLETED", 2))


def points_course_completed() -> int:
    return int(_get("LEARNING_POINTS_COURSE_COMPLETED", 10))


def due_soon_days() -> int:
    return int(_get("LEARNING_DUE_SOON_DAYS", 7))
