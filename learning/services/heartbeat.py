"""Playback heartbeats → played intervals, resume position, study time and video completion.

This module checks the request and records it in one of two ways:

* the usual request — one heartbeat that does not complete its lesson — is one statement on PostgreSQL
  (heartbeat_function: the rules, study-time points and, for the API's WSGI lane, the token check run in the
  database function of migration 0005);
* anything else — a batch (offline queue), a completion — runs heartbeat_rules (pure Python) on the learner's
  state read under their lock (heartbeat_store) in Django's atomic() with the follow-ups (ledger, course
  progress, signals on commit); on other databases (SQLite in ``make demo``) always, through the ORM
  (heartbeat_store_orm). A single heartbeat that completes its lesson is found so by the database function,
  which then writes nothing, and run again this way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import ApplicationError

from .. import conf
from ..models import LessonKind, LessonProgress, ProgressStatus
from .completion import lesson_complete
from .heartbeat_function import heartbeat_record_in_database
from .heartbeat_rules import Heartbeat, LessonPlayback, PlaybackPlan, completions_due, playback_plan
from .heartbeat_store import (
    PlaybackState,
    SavedState,
    playback_state_load,
    playback_state_save,
)
from .heartbeat_store_orm import orm_state_load, orm_state_save
from .ledger import study_time_points_award
from .lesson_cache import LessonMeta, lesson_meta

__all__ = ["Heartbeat", "LessonPlayback", "heartbeat_record_by_token", "heartbeats_record"]


def _lessons(*, lesson_ids: set[int]) -> dict[int, LessonMeta]:
    """The lessons, checked: existing, live, video lessons with a processed video (no query when cached)."""
    lessons = lesson_meta(lesson_ids=lesson_ids)
    if len(lessons) != len(lesson_ids) or not all(meta.live for meta in lessons.values()):
        raise ApplicationError(_("课时不存在或尚未发布。"), status=404)
    for meta in lessons.values():
        if meta.kind != LessonKind.VIDEO:
            raise ApplicationError(_("“%(title)s”不是视频课，不能记录播放进度。") % {"title": meta.title})
        if not meta.duration:
            raise ApplicationError(_("视频尚未处理完成，暂不能记录学习进度。"))
    return lessons


def _validate_times(heartbeats: Sequence[Heartbeat], *, now: dt.datetime) -> None:
    latest = now + dt.timedelta(seconds=conf.clock_skew_seconds())
    for beat in heartbeats:
        if beat.sent_at > latest:
            raise ApplicationError(_("心跳时间晚于服务器时间，请校准设备时间后重试。"))


def _load_arguments(*, heartbeats: Sequence[Heartbeat], lessons: dict[int, LessonMeta]) -> dict[str, Any]:
    max_window = conf.heartbeat_max_window()
    return {
        "course_ids": {meta.course_id for meta in lessons.values() if meta.course_id is not None},
        "lesson_ids": lessons.keys(),
        "client_ids": [beat.client_id for beat in heartbeats],
        "start": min(b.sent_at for b in heartbeats) - dt.timedelta(seconds=max_window),
        "end": max(b.sent_at for b in heartbeats),
    }


def _not_enrolled() -> ApplicationError:
    return ApplicationError(_("请先报名这门课程，再开始学习。"), status=403)


def _check_enrolled(state: PlaybackState, lessons: dict[int, LessonMeta]) -> None:
    if any(meta.course_id not in state.enrollments for meta in lessons.values()):
        raise _not_enrolled()


def _answer(plan: PlaybackPlan) -> list[LessonPlayback]:
    for pk, result in plan.results.items():
        row = plan.progress[pk]
        result.played_seconds, result.position = row.played_seconds, row.position
        result.completed = row.status == ProgressStatus.COMPLETED
    return list(plan.results.values())


def heartbeats_record(*, user_id: int, heartbeats: Sequence[Heartbeat]) -> list[LessonPlayback]:
    """Record heartbeats (one, or an offline batch) for one person; returns each lesson's playback state."""
    now, lessons = _checked(heartbeats)
    if len(heartbeats) == 1 and not _portable():
        return [_record_one(heartbeat=heartbeats[0], lessons=lessons, now=now, user_id=user_id)]
    return _record_atomic(user_id=user_id, heartbeats=heartbeats, lessons=lessons, now=now)


def heartbeat_record_by_token(*, token: str, heartbeat: Heartbeat) -> tuple[int, LessonPlayback] | None:
    """Record one heartbeat of the active user of API token ``token``, the token checked in the same statement
    (the API's WSGI lane, PostgreSQL): the learner's id and the answer. None, with nothing written, for anything
    but the usual case — an unknown token or an inactive user, a refusal (not enrolled, no such lesson, a clock
    ahead), a heartbeat that completes its lesson (its follow-ups notify), or another database: the caller then
    hands the request to the usual way, which answers as it should (401, the refusal, the completion)."""
    if _portable():
        return None
    try:
        now, lessons = _checked([heartbeat])
    except ApplicationError:
        return None
    recorded = heartbeat_record_in_database(
        heartbeat=heartbeat, lesson=lessons[heartbeat.lesson_id], now=now, token=token
    )
    if recorded.user_id is None or recorded.playback is None:
        return None
    return recorded.user_id, recorded.playback


def _record_one(*, heartbeat: Heartbeat, lessons: dict[int, LessonMeta], now: dt.datetime, user_id: int) -> LessonPlayback:
    """One heartbeat in the database function; a heartbeat that completes its lesson runs again in Python, with
    the follow-ups."""
    recorded = heartbeat_record_in_database(heartbeat=heartbeat, lesson=lessons[heartbeat.lesson_id], now=now, user_id=user_id)
    if recorded.status == "not_enrolled":
        raise _not_enrolled()
    if recorded.playback is not None:
        return recorded.playback
    return _record_atomic(user_id=user_id, heartbeats=[heartbeat], lessons=lessons, now=now)[0]


def _checked(heartbeats: Sequence[Heartbeat]) -> tuple[dt.datetime, dict[int, LessonMeta]]:
    if not heartbeats:
        raise ApplicationError(_("没有收到任何心跳记录。"))
    now = timezone.now()
    _validate_times(heartbeats, now=now)
    return now, _lessons(lesson_ids={beat.lesson_id for beat in heartbeats})


PORTABLE_STORE = False  # True: the ORM store on PostgreSQL too (tests of heartbeat_store_orm)


def _portable() -> bool:
    return PORTABLE_STORE or connection.vendor != "postgresql"


@transaction.atomic
def _record_atomic(
    *, user_id: int, heartbeats: Sequence[Heartbeat], lessons: dict[int, LessonMeta], now: dt.datetime
) -> list[LessonPlayback]:
    load, save = (orm_state_load, orm_state_save) if _portable() else (playback_state_load, playback_state_save)
    state = load(user_id=user_id, **_load_arguments(heartbeats=heartbeats, lessons=lessons))
    _check_enrolled(state, lessons)
    plan = playback_plan(state=state, heartbeats=heartbeats, lessons=lessons, now=now)
    if plan.writes_anything:
        saved = save(user_id=user_id, now=now, write=plan.write)
        for pk, row_id in saved.progress_ids.items():
            plan.progress[pk].pk = row_id
        _study_time_points(user_id=user_id, saved=saved, plan=plan)
        _completions(user_id=user_id, lesson_ids=completions_due(plan=plan, lessons=lessons), plan=plan)
    return _answer(plan)


def _study_time_points(*, user_id: int, saved: SavedState, plan: PlaybackPlan) -> None:
    """Points for every block of study minutes the day's total crossed (rarely: one more write then)."""
    for day, day_credits in plan.credits.items():
        total = saved.days[day]
        added = sum(credit[0] for credit in day_credits)
        _credited, course_id, lesson_id = day_credits[-1]
        study_time_points_award(
            user_id=user_id,
            day=day,
            daily_pk=total.pk,
            before=total.seconds - added,
            after=total.seconds,
            points=total.points,
            course_id=course_id,
            lesson_id=lesson_id,
        )


def _completions(*, user_id: int, lesson_ids: Sequence[int], plan: PlaybackPlan) -> None:
    for pk in lesson_ids:
        row = plan.progress[pk]
        if row.pk is None:
            continue
        model = LessonProgress(
            pk=row.pk,
            user_id=user_id,
            lesson_id=pk,
            course_id=row.course_id,
            status=row.status,
            played_ranges=row.played_ranges,
            played_seconds=row.played_seconds,
            position=row.position,
            position_at=row.position_at,
        )
        lesson_complete(progress=model)
        row.status = model.status
