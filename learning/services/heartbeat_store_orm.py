"""The heartbeat store through the ORM, for databases other than PostgreSQL (SQLite in ``make demo``).

Same reads and writes as heartbeat_store's statements, in a few more queries. The learner's lock is taken on
PostgreSQL only (tests run this store there too): the project opens SQLite transactions with ``BEGIN
IMMEDIATE`` (settings), so one writer at a time holds the whole database from the first statement of
``atomic()`` — the read below already sees every earlier writer's commit. Call both functions inside the
caller's atomic block.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.db import IntegrityError
from django.db.models import F

from ..models import DailyStudy, Enrollment, LessonProgress, PlaybackHeartbeat
from .heartbeat_store import (
    DayTotal,
    EnrollmentState,
    PlaybackState,
    PlaybackWrite,
    ProgressState,
    SavedState,
    recorded_twice,
)
from .locks import learner_lock


def orm_state_load(
    *, user_id: int, course_ids: Iterable[int], lesson_ids: Iterable[int], client_ids: Iterable[uuid.UUID],
    start: dt.datetime, end: dt.datetime,
) -> PlaybackState:  # fmt: skip
    learner_lock(user_id=user_id)
    enrollments = Enrollment.objects.filter(user_id=user_id, course_id__in=list(course_ids))
    progress = LessonProgress.objects.filter(user_id=user_id, lesson_id__in=list(lesson_ids))
    beats = PlaybackHeartbeat.objects.filter(user_id=user_id)
    windows = beats.filter(window_end__gt=start, window_start__lt=end, window_start__isnull=False)
    return PlaybackState(
        enrollments={e.course_id: EnrollmentState(e.pk, e.last_lesson_id, e.last_activity_at) for e in enrollments},
        progress={
            p.lesson_id: ProgressState(
                p.pk, p.lesson_id, p.course_id, p.status, list(p.played_ranges or []), p.played_seconds, p.position,
                p.position_at,
            )
            for p in progress
        },
        seen=set(beats.filter(client_id__in=list(client_ids)).values_list("client_id", flat=True)),
        earned=[(a.timestamp(), b.timestamp()) for a, b in windows.values_list("window_start", "window_end")],
    )


def orm_state_save(*, user_id: int, now: dt.datetime, write: PlaybackWrite) -> SavedState:
    """Refuses (409) when a client id was already recorded; nothing is kept: the caller's block rolls back."""
    try:
        PlaybackHeartbeat.objects.bulk_create(
            [PlaybackHeartbeat(user_id=user_id, received_at=now, **beat) for beat in write.beats]
        )
    except IntegrityError as error:
        raise recorded_twice(error) from error
    progress_ids: dict[int, int] = {}
    for row in write.progress:
        values = {
            "course_id": row.course_id, "status": row.status, "played_ranges": row.played_ranges,
            "played_seconds": row.played_seconds, "position": row.position, "position_at": row.position_at,
        }  # fmt: skip
        saved, _created = LessonProgress.objects.update_or_create(user_id=user_id, lesson_id=row.lesson_id, defaults=values)
        progress_ids[row.lesson_id] = saved.pk
    days: dict[dt.date, DayTotal] = {}
    for day, seconds in write.days.items():
        DailyStudy.objects.get_or_create(user_id=user_id, day=day)
        DailyStudy.objects.filter(user_id=user_id, day=day).update(seconds=F("seconds") + seconds)
        total = DailyStudy.objects.get(user_id=user_id, day=day)
        days[day] = DayTotal(total.pk, total.seconds, total.points)
    for enrollment_id, last_lesson in write.touch:
        fields: dict = {"last_activity_at": now} | ({"last_lesson_id": last_lesson} if last_lesson is not None else {})
        Enrollment.objects.filter(pk=enrollment_id).update(**fields)
    return SavedState(progress_ids=progress_ids, days=days)

