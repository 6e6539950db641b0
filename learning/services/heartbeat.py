"""Playback heartbeats → played intervals, resume position, study time and video completion.

The rules are heartbeat_rules' (pure); this module checks the request, runs the rules on the learner's state read
under their lock (heartbeat_store) and writes the outcome, in one of two ways:

* the usual request — one heartbeat that neither completes a lesson nor earns points — runs in
  ``config.batched_transaction``: BEGIN, the lock and the read in one round trip, the write and COMMIT in
  the next (PostgreSQL); the API's fast lane checks the learner's token in the first of the two as well
  (``heartbeat_record_by_token``);
* anything else — a batch, a completion, points — runs in Django's atomic() with the follow-ups (ledger,
  course progress, signals on commit); on other databases (SQLite in ``make demo``) always, through the ORM
  (heartbeat_store_orm). A single heartbeat found to need follow-ups is rolled back
  and run again this way, from a fresh read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.authentication import token_lookup_parse, token_lookup_statement
from accounts.models import User
from config.batched_transaction import batched_transaction
from config.errors import ApplicationError

from .. import conf
from ..models import LessonKind, LessonProgress, ProgressStatus
from .completion import lesson_complete
from .heartbeat_rules import (
    Heartbeat,
    LessonPlayback,
    PlaybackPlan,
    completions_due,
    playback_plan,
    points_due,
)
from .heartbeat_store import (
    PlaybackState,
    SavedState,
    load_parse,
    load_statements,
    playback_state_load,
    playback_state_save,
    recorded_twice,
    save_statement,
)
from .heartbeat_store_orm import orm_state_load, orm_state_save
from .ledger import local_day, study_time_points_award
from .lesson_cache import LessonMeta, lesson_meta
from .locks import learner_lock

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
        "days": {local_day(beat.sent_at) for beat in heartbeats},
        "start": min(b.sent_at for b in heartbeats) - dt.timedelta(seconds=max_window),
        "end": max(b.sent_at for b in heartbeats),
    }


def _check_enrolled(state: PlaybackState, lessons: dict[int, LessonMeta]) -> None:
    if any(meta.course_id not in state.enrollments for meta in lessons.values()):
        raise ApplicationError(_("请先报名这门课程，再开始学习。"), status=403)


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
        answer = _record_batched(
            learner={"user_id": user_id}, heartbeats=heartbeats, lessons=lessons, now=now
        )
        if answer is not None:
            return answer[1]
    return _record_atomic(user_id=user_id, heartbeats=heartbeats, lessons=lessons, now=now)


def heartbeat_record_by_token(*, token: str, heartbeat: Heartbeat) -> tuple[User, LessonPlayback] | None:
    """Record one heartbeat of the active user of API token ``token``, checking the token in the same round trip
    as the lock and the read (the API's fast lane, PostgreSQL). None, with nothing written, when the token is
    unknown or its user inactive, when the heartbeat is refused before the token could be checked, or on another
    database: the caller then authenticates the usual way, which answers as it should (401, or the refusal)."""
    if _portable():
        return None  # the usual way is the only way there
    try:
        now, lessons = _checked([heartbeat])
    except ApplicationError:
        return None
    answer = _record_batched(learner={"token": token}, heartbeats=[heartbeat], lessons=lessons, now=now)
    return None if answer is None else (answer[0], answer[1][0])


def _checked(heartbeats: Sequence[Heartbeat]) -> tuple[dt.datetime, dict[int, LessonMeta]]:
    if not heartbeats:
        raise ApplicationError(_("没有收到任何心跳记录。"))
    now = timezone.now()
    _validate_times(heartbeats, now=now)
    return now, _lessons(lesson_ids={beat.lesson_id for beat in heartbeats})


def _record_batched(
    *,
    learner: dict[str, Any],
    heartbeats: Sequence[Heartbeat],
    lessons: dict[int, LessonMeta],
    now: dt.datetime,
) -> tuple[User, list[LessonPlayback]] | None:
    """Two round trips (``learner``: ``user_id=…`` or ``token=…``). None, with nothing written, when the token is
    not an active user's; a request that needs follow-ups (completion, points) is run by ``_record_atomic``."""
    by_token = "token" in learner
    arguments = _load_arguments(heartbeats=heartbeats, lessons=lessons)
    with batched_transaction() as tx:
        auth = [token_lookup_statement(learner["token"])] if by_token else []
        results = tx.begin([*auth, *load_statements(**learner, **arguments)])
        found = token_lookup_parse(results[0]) if by_token else None
        if by_token and (found is None or not found[0].is_active):
            return None
        user = found[0] if found else User(pk=learner["user_id"])
        state = load_parse(results[-1])
        _check_enrolled(state, lessons)
        plan = playback_plan(state=state, heartbeats=heartbeats, lessons=lessons, now=now)
        follow_ups = completions_due(plan=plan, lessons=lessons) or points_due(plan=plan, state=state)
        if not follow_ups and plan.writes_anything:
            try:
                tx.commit([save_statement(user_id=user.pk, now=now, write=plan.write)])
            except IntegrityError as error:
                raise recorded_twice(error) from error
    if follow_ups:  # rolled back on leaving the block: the whole request again, with the follow-ups
        return user, _record_atomic(user_id=user.pk, heartbeats=heartbeats, lessons=lessons, now=now)
    return user, _answer(plan)


PORTABLE_STORE = False  # True: the ORM store on PostgreSQL too (tests of heartbeat_store_orm)


def _portable() -> bool:
    return PORTABLE_STORE or connection.vendor != "postgresql"


@transaction.atomic
def _record_atomic(
    *, user_id: int, heartbeats: Sequence[Heartbeat], lessons: dict[int, LessonMeta], now: dt.datetime
) -> list[LessonPlayback]:
    arguments = _load_arguments(heartbeats=heartbeats, lessons=lessons)
    if _portable():
        learner_lock(user_id=user_id)  # PostgreSQL only; SQLite's BEGIN IMMEDIATE already serialises writers
        state = orm_state_load(user_id=user_id, **arguments)
    else:
        state = playback_state_load(user_id=user_id, **arguments)
    _check_enrolled(state, lessons)
    plan = playback_plan(state=state, heartbeats=heartbeats, lessons=lessons, now=now)
    if plan.writes_anything:
        if _portable():
            try:
                saved = orm_state_save(user_id=user_id, now=now, write=plan.write)
            except IntegrityError as error:
                raise recorded_twice(error) from error
        else:
            saved = playback_state_save(user_id=user_id, now=now, write=plan.write)
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
