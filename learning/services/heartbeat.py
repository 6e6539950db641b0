"""Playback heartbeats → played intervals, resume position, study time and video completion.

The rules (see docs in README of the app and tests/learning/test_heartbeat_*.py):

* completion is the *union* of the media intervals actually played (≥ 90 % of the duration), never the
  playhead: a seek to the end plays one second;
* each heartbeat claims a window of wall-clock time (its media length ÷ its rate, at most
  ``LEARNING_HEARTBEAT_MAX_WINDOW`` s) ending at its client timestamp; the part of that window already earned
  by another heartbeat of the same person (any device, any lesson) is not earned again — so credit never
  exceeds the wall-clock time between heartbeats and two devices earn once;
* media accepted from one heartbeat ≤ earned wall time × 2 (the fastest speed credited);
* hidden-tab heartbeats move the resume position but earn nothing;
* heartbeats are idempotent per client id; batches (offline queues) run in client-timestamp order under the
  same rules, inside one transaction per request.

The rules run in Python on the state read under the learner's lock; heartbeat_store does the reading and the
writing in three prepared statements (lock, read, write), whatever the size of the batch.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import ApplicationError

from .. import conf
from ..models import HeartbeatOutcome, LessonKind, LessonProgress, ProgressStatus
from .completion import lesson_complete
from .heartbeat_store import (
    PlaybackState,
    ProgressState,
    SavedState,
    playback_state_load,
    playback_state_save,
)
from .intervals import Interval, intervals_clip, intervals_length, intervals_merge, intervals_truncate
from .ledger import local_day, study_time_points_award
from .lesson_cache import LessonMeta, lesson_meta

MIN_RATE = 0.25
ACTIVITY_TOUCH_SECONDS = 60  # Enrollment.last_activity_at is refreshed at most this often by heartbeats


@dataclass(frozen=True)
class Heartbeat:
    """One heartbeat as validated by the API (intervals are media seconds)."""

    client_id: uuid.UUID
    lesson_id: int
    sent_at: dt.datetime
    intervals: tuple[Interval, ...]
    position: float
    rate: float
    visible: bool
    device: str = ""


@dataclass
class LessonPlayback:
    """What the client learns back: the lesson's progress after the request."""

    lesson_id: int
    duration: float
    played_seconds: float
    position: float
    completed: bool
    credited_seconds: float = 0.0
    accepted: int = 0
    duplicates: int = 0
    outcomes: list[str] = field(default_factory=list)

    @property
    def played_percent(self) -> int:
        if not self.duration:
            return 0
        return min(100, int(100 * self.played_seconds / self.duration))


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


def _touches(
    *, state: PlaybackState, lessons: dict[int, LessonMeta], last_lesson: int, now: dt.datetime
) -> list[tuple[int, int | None]]:
    """Enrolments whose "last activity" to write: the latest heartbeat's course gets its lesson as the last
    lesson; a row is written when that changes or when its activity time is over a minute old."""
    touch: list[tuple[int, int | None]] = []
    for course_id in sorted({meta.course_id for meta in lessons.values() if meta.course_id is not None}):
        enrollment = state.enrollments[course_id]
        last = last_lesson if course_id == lessons[last_lesson].course_id else None
        old = enrollment.last_activity_at is None or (now - enrollment.last_activity_at).total_seconds() >= ACTIVITY_TOUCH_SECONDS
        if old or (last is not None and last != enrollment.last_lesson_id):
            touch.append((enrollment.pk, last))
    return touch


def _study_time_points(*, user_id: int, saved: SavedState, credits: dict[dt.date, list[tuple[float, int, int]]]) -> None:
    """Points for every block of study minutes the day's total crossed (rarely: one more write then)."""
    for day, day_credits in credits.items():
        total = saved.days[day]
        added = sum(credit[0] for credit in day_credits)
        _credited, course_id, lesson_id = day_credits[-1]
        study_time_points_award(
            user_id=user_id, day=day, daily_pk=total.pk, before=total.seconds - added, after=total.seconds,
            points=total.points, course_id=course_id, lesson_id=lesson_id,
        )


def _completions(*, user_id: int, lessons: dict[int, LessonMeta], progress: dict[int, ProgressState]) -> None:
    share = conf.video_complete_share()
    for pk, meta in lessons.items():
        row = progress[pk]
        if row.pk is None or row.status == ProgressStatus.COMPLETED:
            continue
        if row.played_seconds >= share * float(meta.duration or 0) - 1e-6:
            model = LessonProgress(
                pk=row.pk, user_id=user_id, lesson_id=pk, course_id=row.course_id, status=row.status,
                played_ranges=row.played_ranges, played_seconds=row.played_seconds, position=row.position,
                position_at=row.position_at,
            )
            lesson_complete(progress=model)
            row.status = model.status


@transaction.atomic
def heartbeats_record(*, user_id: int, heartbeats: Sequence[Heartbeat]) -> list[LessonPlayback]:
    """Record heartbeats (one, or an offline batch) for one person; returns each lesson's playback state."""
    if not heartbeats:
        raise ApplicationError(_("没有收到任何心跳记录。"))
    now = timezone.now()
    _validate_times(heartbeats, now=now)
    lessons = _lessons(lesson_ids={beat.lesson_id for beat in heartbeats})
    max_window = conf.heartbeat_max_window()
    max_rate = conf.max_playback_rate()
    oldest = now - dt.timedelta(days=conf.heartbeat_max_age_days())
    state = playback_state_load(
        user_id=user_id,
        course_ids={meta.course_id for meta in lessons.values() if meta.course_id is not None},
        lesson_ids=lessons.keys(),
        client_ids=[beat.client_id for beat in heartbeats],
        start=min(b.sent_at for b in heartbeats) - dt.timedelta(seconds=max_window),
        end=max(b.sent_at for b in heartbeats),
    )
    if any(meta.course_id not in state.enrollments for meta in lessons.values()):
        raise ApplicationError(_("请先报名这门课程，再开始学习。"), status=403)
    progress = {
        pk: state.progress.get(pk)
        or ProgressState(None, pk, int(meta.course_id or 0), ProgressStatus.NOT_STARTED, [], 0.0, 0.0, None)
        for pk, meta in lessons.items()
    }
    results = {
        pk: LessonPlayback(
            lesson_id=pk, duration=float(meta.duration or 0), played_seconds=progress[pk].played_seconds,
            position=progress[pk].position, completed=progress[pk].status == ProgressStatus.COMPLETED,
        )
        for pk, meta in lessons.items()
    }
    seen = set(state.seen)
    fresh: list[Heartbeat] = []
    for beat in sorted(heartbeats, key=lambda b: (b.sent_at, str(b.client_id))):
        if beat.client_id in seen:
            results[beat.lesson_id].duplicates += 1
            continue
        seen.add(beat.client_id)
        fresh.append(beat)
    touch = _touches(state=state, lessons=lessons, last_lesson=max(heartbeats, key=lambda b: b.sent_at).lesson_id, now=now)
    if not fresh:
        if touch:
            playback_state_save(user_id=user_id, now=now, beats=[], progress=[], days={}, touch=touch)
        return list(results.values())

    earned = list(state.earned)
    records: list[dict] = []
    time_by_day: dict[dt.date, list[tuple[float, int, int]]] = defaultdict(list)
    changed: set[int] = set()
    for beat in fresh:
        duration = results[beat.lesson_id].duration
        row = progress[beat.lesson_id]
        result = results[beat.lesson_id]
        played = intervals_clip(intervals_merge(beat.intervals), low=0.0, high=duration)
        played_len = intervals_length(played)
        rate = min(max(beat.rate, MIN_RATE), max_rate)
        record: dict = {
            "lesson_id": beat.lesson_id, "client_id": beat.client_id, "device": beat.device[:64],
            "sent_at": beat.sent_at, "intervals": [list(span) for span in beat.intervals], "position": beat.position,
            "rate": beat.rate, "visible": beat.visible, "window_start": None, "window_end": None,
            "media_seconds": 0.0, "new_coverage": 0.0, "credited_seconds": 0.0,
        }  # fmt: skip
        if row.position_at is None or beat.sent_at >= row.position_at:
            row.position = min(max(beat.position, 0.0), duration)
            row.position_at = beat.sent_at
            changed.add(beat.lesson_id)
        if beat.sent_at < oldest:
            record["outcome"] = HeartbeatOutcome.STALE
        elif not beat.visible:
            record["outcome"] = HeartbeatOutcome.HIDDEN
        elif played_len <= 0:
            record["outcome"] = HeartbeatOutcome.NOTHING_PLAYED
        else:
            end = beat.sent_at.timestamp()
            claimed = (end - min(played_len / rate, max_window), end)
            budget = (claimed[1] - claimed[0]) - intervals_length(
                intervals_clip(intervals_merge(earned), low=claimed[0], high=claimed[1])
            )
            if budget <= 1e-6:
                record["outcome"] = HeartbeatOutcome.NO_WALL_TIME
            else:
                accepted = intervals_truncate(played, budget=budget * max_rate)
                media = intervals_length(accepted)
                before = row.played_seconds
                merged = intervals_merge([*row.played_ranges, *accepted])
                row.played_ranges = [[round(a, 3), round(b, 3)] for a, b in merged]
                row.played_seconds = round(intervals_length(merged), 3)
                credited = min(budget, media / rate)
                earned.append(claimed)
                record["window_start"] = dt.datetime.fromtimestamp(claimed[0], tz=dt.UTC)
                record["window_end"] = beat.sent_at
                record["media_seconds"] = round(media, 3)
                record["new_coverage"] = round(row.played_seconds - before, 3)
                record["credited_seconds"] = round(credited, 3)
                record["outcome"] = (
                    HeartbeatOutcome.CREDITED if media >= played_len - 1e-6 else HeartbeatOutcome.CAPPED
                )
                result.credited_seconds += record["credited_seconds"]
                time_by_day[local_day(beat.sent_at)].append((credited, row.course_id, beat.lesson_id))
                changed.add(beat.lesson_id)
                if row.status == ProgressStatus.NOT_STARTED:
                    row.status = ProgressStatus.IN_PROGRESS
        record["outcome"] = str(record["outcome"])
        result.accepted += 1
        result.outcomes.append(record["outcome"])
        records.append(record)

    saved = playback_state_save(
        user_id=user_id, now=now, beats=records, progress=[progress[pk] for pk in sorted(changed)],
        days={day: sum(c[0] for c in credits) for day, credits in time_by_day.items()}, touch=touch,
    )
    if saved.beats != len(records):  # only if a writer bypassed the learner's lock: refuse, nothing is kept
        raise ApplicationError(_("这些心跳正在另一个请求中处理，请稍后重试。"), status=409)
    for pk, row_id in saved.progress_ids.items():
        progress[pk].pk = row_id
    _study_time_points(user_id=user_id, saved=saved, credits=time_by_day)
    _completions(user_id=user_id, lessons=lessons, progress=progress)
    for pk, result in results.items():
        result.played_seconds = progress[pk].played_seconds
        result.position = progress[pk].position
        result.completed = progress[pk].status == ProgressStatus.COMPLETED
    return list(results.values())
