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
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import ApplicationError

from .. import conf
from ..models import HeartbeatOutcome, LessonKind, LessonProgress, PlaybackHeartbeat, ProgressStatus
from .completion import lesson_complete
from .intervals import Interval, intervals_clip, intervals_length, intervals_merge, intervals_truncate
from .ledger import local_day, study_time_credit
from .lesson_cache import LessonMeta, lesson_meta
from .locks import LOCK_NAMESPACE

MIN_RATE = 0.25


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


@dataclass
class _Lesson:
    meta: LessonMeta
    course_id: int
    enrollment_id: int
    duration: float


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


# Takes the learner's lock (see locks.learner_lock) and checks/touches the enrolments in one round trip:
# the lock sub-select runs before the join, and every later statement of the transaction takes its
# snapshot after the lock is held.
_ENROLLMENT_TOUCH = """
UPDATE learning_enrollment AS e
   SET last_activity_at = %s,
       last_lesson_id = CASE WHEN p.path = %s THEN %s ELSE e.last_lesson_id END
  FROM wagtailcore_page AS p, (SELECT pg_advisory_xact_lock(%s, %s)) AS learner_lock
 WHERE p.id = e.course_id AND e.user_id = %s AND p.path = ANY(%s)
RETURNING p.path, e.course_id, e.id
"""


def _enrolled(
    *, user_id: int, lessons: dict[int, LessonMeta], last_lesson: int, now: dt.datetime
) -> dict[int, _Lesson]:
    """Lock the learner, check the enrolments and mark them active, in one statement (all rolled back if
    an enrolment is missing)."""
    paths = sorted({meta.course_path for meta in lessons.values()})
    with connection.cursor() as cursor:
        cursor.execute(
            _ENROLLMENT_TOUCH,
            [now, lessons[last_lesson].course_path, last_lesson, LOCK_NAMESPACE, user_id, user_id, paths],
        )
        enrolled = {path: (course_id, enrollment_id) for path, course_id, enrollment_id in cursor.fetchall()}
    found: dict[int, _Lesson] = {}
    for pk, meta in lessons.items():
        if meta.course_path not in enrolled:
            raise ApplicationError(_("请先报名这门课程，再开始学习。"), status=403)
        course_id, enrollment_id = enrolled[meta.course_path]
        found[pk] = _Lesson(meta, course_id, enrollment_id, float(meta.duration or 0))
    return found


def _progress_rows(*, user_id: int, lessons: dict[int, _Lesson]) -> dict[int, LessonProgress]:
    rows = {
        row.lesson_id: row
        for row in LessonProgress.objects.select_for_update().filter(user_id=user_id, lesson_id__in=lessons.keys())
    }
    missing = [
        LessonProgress(user_id=user_id, lesson_id=pk, course_id=info.course_id)
        for pk, info in lessons.items()
        if pk not in rows
    ]
    if missing:
        for row in LessonProgress.objects.bulk_create(missing):
            rows[row.lesson_id] = row
    return rows


def _seen_and_earned(
    *, user_id: int, client_ids: list[uuid.UUID], start: dt.datetime, end: dt.datetime
) -> tuple[set[uuid.UUID], list[Interval]]:
    """In one query: which of ``client_ids`` were already recorded, and the wall-clock windows this person
    already earned that touch [start, end] (epoch seconds)."""
    rows = PlaybackHeartbeat.objects.filter(
        Q(user_id=user_id) & (Q(client_id__in=client_ids) | Q(window_end__gt=start, window_start__lt=end))
    ).values_list("client_id", "window_start", "window_end")
    wanted = set(client_ids)
    seen: set[uuid.UUID] = set()
    earned: list[Interval] = []
    for client_id, window_start, window_end in rows:
        if client_id in wanted:
            seen.add(client_id)
        if window_start is not None and window_end > start and window_start < end:
            earned.append((window_start.timestamp(), window_end.timestamp()))
    return seen, earned


def _validate_times(heartbeats: Sequence[Heartbeat], *, now: dt.datetime) -> None:
    latest = now + dt.timedelta(seconds=conf.clock_skew_seconds())
    for beat in heartbeats:
        if beat.sent_at > latest:
            raise ApplicationError(_("心跳时间晚于服务器时间，请校准设备时间后重试。"))


@transaction.atomic
def heartbeats_record(*, user_id: int, heartbeats: Sequence[Heartbeat]) -> list[LessonPlayback]:
    """Record heartbeats (one, or an offline batch) for one person; returns each lesson's playback state."""
    if not heartbeats:
        raise ApplicationError(_("没有收到任何心跳记录。"))
    now = timezone.now()
    _validate_times(heartbeats, now=now)
    metas = _lessons(lesson_ids={beat.lesson_id for beat in heartbeats})
    last = max(heartbeats, key=lambda b: b.sent_at)
    lessons = _enrolled(user_id=user_id, lessons=metas, last_lesson=last.lesson_id, now=now)

    max_window = conf.heartbeat_max_window()
    max_rate = conf.max_playback_rate()
    oldest = now - dt.timedelta(days=conf.heartbeat_max_age_days())
    ids = [beat.client_id for beat in heartbeats]
    seen, earned = _seen_and_earned(
        user_id=user_id,
        client_ids=ids,
        start=min(b.sent_at for b in heartbeats) - dt.timedelta(seconds=max_window),
        end=max(b.sent_at for b in heartbeats),
    )
    progress = _progress_rows(user_id=user_id, lessons=lessons)
    results = {
        pk: LessonPlayback(
            lesson_id=pk, duration=info.duration, played_seconds=progress[pk].played_seconds,
            position=progress[pk].position, completed=progress[pk].is_completed,
        )
        for pk, info in lessons.items()
    }
    fresh: list[Heartbeat] = []
    for beat in sorted(heartbeats, key=lambda b: (b.sent_at, str(b.client_id))):
        if beat.client_id in seen:
            results[beat.lesson_id].duplicates += 1
            continue
        seen.add(beat.client_id)
        fresh.append(beat)
    if not fresh:
        return list(results.values())

    rows: list[PlaybackHeartbeat] = []
    time_by_day: dict[dt.date, list[tuple[float, int, int]]] = defaultdict(list)
    changed: set[int] = set()
    for beat in fresh:
        info = lessons[beat.lesson_id]
        row = progress[beat.lesson_id]
        result = results[beat.lesson_id]
        played = intervals_clip(intervals_merge(beat.intervals), low=0.0, high=info.duration)
        played_len = intervals_length(played)
        rate = min(max(beat.rate, MIN_RATE), max_rate)
        record = PlaybackHeartbeat(
            user_id=user_id, lesson_id=beat.lesson_id, client_id=beat.client_id, device=beat.device[:64],
            sent_at=beat.sent_at, intervals=[list(span) for span in beat.intervals],
            position=beat.position, rate=beat.rate, visible=beat.visible,
        )
        if row.position_at is None or beat.sent_at >= row.position_at:
            row.position = min(max(beat.position, 0.0), info.duration)
            row.position_at = beat.sent_at
            changed.add(beat.lesson_id)
        if beat.sent_at < oldest:
            record.outcome = HeartbeatOutcome.STALE
        elif not beat.visible:
            record.outcome = HeartbeatOutcome.HIDDEN
        elif played_len <= 0:
            record.outcome = HeartbeatOutcome.NOTHING_PLAYED
        else:
            end = beat.sent_at.timestamp()
            claimed = (end - min(played_len / rate, max_window), end)
            budget = (claimed[1] - claimed[0]) - intervals_length(
                intervals_clip(intervals_merge(earned), low=claimed[0], high=claimed[1])
            )
            if budget <= 1e-6:
                record.outcome = HeartbeatOutcome.NO_WALL_TIME
            else:
                accepted = intervals_truncate(played, budget=budget * max_rate)
                media = intervals_length(accepted)
                before = row.played_seconds
                merged = intervals_merge([*row.played_ranges, *accepted])
                row.played_ranges = [[round(a, 3), round(b, 3)] for a, b in merged]
                row.played_seconds = round(intervals_length(merged), 3)
                credited = min(budget, media / rate)
                earned.append(claimed)
                record.window_start = dt.datetime.fromtimestamp(claimed[0], tz=dt.UTC)
                record.window_end = beat.sent_at
                record.media_seconds = round(media, 3)
                record.new_coverage = round(row.played_seconds - before, 3)
                record.credited_seconds = round(credited, 3)
                record.outcome = (
                    HeartbeatOutcome.CREDITED if media >= played_len - 1e-6 else HeartbeatOutcome.CAPPED
                )
                result.credited_seconds += record.credited_seconds
                time_by_day[local_day(beat.sent_at)].append((credited, info.course_id, beat.lesson_id))
                changed.add(beat.lesson_id)
                if row.status == ProgressStatus.NOT_STARTED:
                    row.status = ProgressStatus.IN_PROGRESS
        result.accepted += 1
        result.outcomes.append(record.outcome)
        rows.append(record)

    PlaybackHeartbeat.objects.bulk_create(rows)
    for pk in changed:
        progress[pk].save(update_fields=["played_ranges", "played_seconds", "position", "position_at", "status", "updated_at"])
    for day, credits in time_by_day.items():
        seconds = sum(c[0] for c in credits)
        _credited, course_id, lesson_id = credits[-1]
        study_time_credit(user_id=user_id, day=day, seconds=seconds, course_id=course_id, lesson_id=lesson_id)
    share = conf.video_complete_share()
    for pk, info in lessons.items():
        row = progress[pk]
        if not row.is_completed and row.played_seconds >= share * info.duration - 1e-6:
            lesson_complete(progress=row)
        results[pk].played_seconds = row.played_seconds
        results[pk].position = row.position
        results[pk].completed = row.is_completed
    return list(results.values())
