"""What the heartbeat path needs to know about a video lesson, cached in the process for a short while.

Heartbeats arrive every ~10 s from every learner: reading the lesson page, its video and its course on each
one would be the same joins over and over. Entries expire after ``LEARNING_LESSON_CACHE_SECONDS`` (60 s) and are
dropped at once in this process when a lesson or a video is saved or deleted (signal_handlers).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.conf import settings
from wagtail.models import Page

from ..models import LessonPage


@dataclass(frozen=True)
class LessonMeta:
    pk: int
    title: str
    path: str
    kind: str
    duration: float | None
    live: bool
    course_id: int | None = None

    @property
    def course_path(self) -> str:
        return self.path[: -LessonPage.steplen]


_lock = threading.Lock()
_entries: dict[int, tuple[float, LessonMeta]] = {}


def _ttl() -> float:
    return float(getattr(settings, "LEARNING_LESSON_CACHE_SECONDS", 60))


def lesson_meta(*, lesson_ids: Iterable[int]) -> dict[int, LessonMeta]:
    """Metadata of the (existing) lessons among ``lesson_ids``; missing ones are simply absent."""
    now = time.monotonic()
    wanted = set(lesson_ids)
    found: dict[int, LessonMeta] = {}
    with _lock:
        for pk in wanted:
            entry = _entries.get(pk)
            if entry is not None and entry[0] > now:
                found[pk] = entry[1]
    missing = wanted - found.keys()
    if missing:
        rows = LessonPage.objects.filter(pk__in=missing).values_list(
            "pk", "title", "path", "kind", "video__duration", "live"
        )
        fresh = {pk: LessonMeta(pk, title, path, kind, duration, live) for pk, title, path, kind, duration, live in rows}
        courses = dict(
            Page.objects.filter(path__in={meta.course_path for meta in fresh.values()}).values_list("path", "pk")
        )
        fresh = {pk: replace(meta, course_id=courses.get(meta.course_path)) for pk, meta in fresh.items()}
        with _lock:
            for pk, meta in fresh.items():
                _entries[pk] = (now + _ttl(), meta)
        found.update(fresh)
    return found


def lesson_cache_clear() -> None:
    with _lock:
        _entries.clear()
