"""Writes to the study ledger: awards of points (daily cap) and credit hours; the study time per day itself is
written with the heartbeats (heartbeat_store)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from .. import conf
from ..models import DailyStudy, LedgerEntry, LedgerKind


def local_day(moment: dt.datetime | None = None) -> dt.date:
    return timezone.localdate(moment or timezone.now())


def daily_rows_lock(*, user_id: int, days: Iterable[dt.date]) -> dict[dt.date, DailyStudy]:
    """The person's DailyStudy rows for ``days``, created when missing (call under ``learner_lock``)."""
    wanted = set(days)
    rows = {row.day: row for row in DailyStudy.objects.select_for_update().filter(user_id=user_id, day__in=wanted)}
    missing = [DailyStudy(user_id=user_id, day=day) for day in wanted if day not in rows]
    if missing:
        for row in DailyStudy.objects.bulk_create(missing):
            rows[row.day] = row
    return rows


def points_award(
    *,
    user_id: int,
    daily: DailyStudy,
    kind: str,
    requested: int,
    seconds: float = 0.0,
    hours: Decimal = Decimal("0"),
    course_id: int | None = None,
    lesson_id: int | None = None,
) -> LedgerEntry:
    """Record an award; the points granted never take the day past ``LEARNING_POINTS_DAILY_CAP``.

    ``daily`` is updated in memory; the caller saves it (it is usually touched by other awards too).
    """
    room = max(0, conf.points_daily_cap() - daily.points)
    granted = min(requested, room)
    daily.points += granted
    return LedgerEntry.objects.create(
        user_id=user_id, day=daily.day, kind=kind, points_requested=requested, points=granted,
        seconds=seconds, hours=hours, course_id=course_id, lesson_id=lesson_id,
    )


def study_time_points(*, before: float, after: float) -> int:
    """Points earned by the day's study time growing from ``before`` to ``after`` seconds."""
    step = conf.study_minutes_per_point() * 60
    return int(after // step) - int(before // step)


def study_time_points_award(
    *, user_id: int, day: dt.date, daily_pk: int, before: float, after: float, points: int,
    course_id: int | None, lesson_id: int | None,
) -> DailyStudy | None:
    """Award the points of every block of study minutes the day's total crossed going from ``before`` to
    ``after`` seconds (call under ``learner_lock``, after the day's seconds were written; ``points`` is the
    day's points before this award). Returns the updated day, or None when no block was completed."""
    requested = study_time_points(before=before, after=after)
    if requested <= 0:
        return None
    daily = DailyStudy(pk=daily_pk, user_id=user_id, day=day, seconds=after, points=points)
    points_award(
        user_id=user_id, daily=daily, kind=LedgerKind.STUDY_TIME, requested=requested,
        seconds=requested * conf.study_minutes_per_point() * 60, course_id=course_id, lesson_id=lesson_id,
    )
    daily.save(update_fields=["points"])
    return daily
