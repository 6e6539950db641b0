"""The heartbeat rules, on a learner's playback state as read under their lock: pure computation, no database.

* completion is the *union* of the media intervals actually played (≥ 90 % of the duration), never the
  playhead: a seek to the end plays one second;
* each heartbeat claims a window of wall-clock time (its media length ÷ its rate, at most
  ``LEARNING_HEARTBEAT_MAX_WINDOW`` s) ending at its client timestamp; the part of that window already earned
  by another heartbeat of the same person (any device, any lesson) is not earned again — so credit never
  exceeds the wall-clock time between heartbeats and two devices earn once;
* media accepted from one heartbeat ≤ earned wall time × 2 (the fastest speed credited);
* hidden-tab heartbeats move the resume position but earn nothing;
* heartbeats are idempotent per client id; batches (offline queues) run in client-timestamp order.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import conf
from ..models import HeartbeatOutcome, ProgressStatus
from .heartbeat_store import PlaybackState, PlaybackWrite, ProgressState
from .intervals import Interval, intervals_clip, intervals_length, intervals_merge, intervals_truncate
from .ledger import local_day
from .lesson_cache import LessonMeta

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


@dataclass
class PlaybackPlan:
    """What a request changes: the rows to write, each lesson's answer, and the study time credited per day as
    ``(seconds, course id, lesson id)`` (for points)."""

    write: PlaybackWrite
    progress: dict[int, ProgressState]  # by lesson id, every lesson of the request
    results: dict[int, LessonPlayback]
    credits: dict[dt.date, list[tuple[float, int, int]]]

    @property
    def writes_anything(self) -> bool:
        return bool(self.write.beats or self.write.touch)


def _touches(
    *, state: PlaybackState, lessons: dict[int, LessonMeta], last_lesson: int, now: dt.datetime
) -> list[tuple[int, int | None]]:
    """Enrolments whose "last activity" to write: the latest heartbeat's course gets its lesson as the last
    lesson; a row is written when that changes or when its activity time is over a minute old."""
    touch: list[tuple[int, int | None]] = []
    for course_id in sorted({meta.course_id for meta in lessons.values() if meta.course_id is not None}):
        enrollment = state.enrollments[course_id]
        last = last_lesson if course_id == lessons[last_lesson].course_id else None
        old = (
            enrollment.last_activity_at is None
            or (now - enrollment.last_activity_at).total_seconds() >= ACTIVITY_TOUCH_SECONDS
        )
        if old or (last is not None and last != enrollment.last_lesson_id):
            touch.append((enrollment.pk, last))
    return touch


def _record(beat: Heartbeat) -> dict:
    return {
        "lesson_id": beat.lesson_id, "client_id": beat.client_id, "device": beat.device[:64],
        "sent_at": beat.sent_at, "intervals": [list(span) for span in beat.intervals], "position": beat.position,
        "rate": beat.rate, "visible": beat.visible, "window_start": None, "window_end": None,
        "media_seconds": 0.0, "new_coverage": 0.0, "credited_seconds": 0.0,
    }  # fmt: skip


def playback_plan(
    *, state: PlaybackState, heartbeats: Sequence[Heartbeat], lessons: dict[int, LessonMeta], now: dt.datetime
) -> PlaybackPlan:
    """Apply the rules to the heartbeats, in client-timestamp order, on the state read under the lock."""
    max_window, max_rate = conf.heartbeat_max_window(), conf.max_playback_rate()
    oldest = now - dt.timedelta(days=conf.heartbeat_max_age_days())
    progress = {
        pk: state.progress.get(pk)
        or ProgressState(None, pk, int(meta.course_id or 0), ProgressStatus.NOT_STARTED, [], 0.0, 0.0, None)
        for pk, meta in lessons.items()
    }
    results = {
        pk: LessonPlayback(
            lesson_id=pk,
            duration=float(meta.duration or 0),
            played_seconds=progress[pk].played_seconds,
            position=progress[pk].position,
            completed=progress[pk].status == ProgressStatus.COMPLETED,
        )
        for pk, meta in lessons.items()
    }
    seen = set(state.seen)
    earned = list(state.earned)
    records: list[dict] = []
    credits: dict[dt.date, list[tuple[float, int, int]]] = defaultdict(list)
    changed: set[int] = set()
    for beat in sorted(heartbeats, key=lambda b: (b.sent_at, str(b.client_id))):
        result = results[beat.lesson_id]
        if beat.client_id in seen:
            result.duplicates += 1
            continue
        seen.add(beat.client_id)
        row = progress[beat.lesson_id]
        played = intervals_clip(intervals_merge(beat.intervals), low=0.0, high=result.duration)
        played_len = intervals_length(played)
        rate = min(max(beat.rate, MIN_RATE), max_rate)
        record = _record(beat)
        if row.position_at is None or beat.sent_at >= row.position_at:
            row.position = min(max(beat.position, 0.0), result.duration)
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
                credits[local_day(beat.sent_at)].append((credited, row.course_id, beat.lesson_id))
                changed.add(beat.lesson_id)
                if row.status == ProgressStatus.NOT_STARTED:
                    row.status = ProgressStatus.IN_PROGRESS
        record["outcome"] = str(record["outcome"])
        result.accepted += 1
        result.outcomes.append(record["outcome"])
        records.append(record)
    last_lesson = max(heartbeats, key=lambda b: b.sent_at).lesson_id
    write = PlaybackWrite(
        beats=records,
        progress=[progress[pk] for pk in sorted(changed)],
        days={day: sum(credit[0] for credit in day_credits) for day, day_credits in credits.items()},
        touch=_touches(state=state, lessons=lessons, last_lesson=last_lesson, now=now),
    )
    return PlaybackPlan(write=write, progress=progress, results=results, credits=dict(credits))


def completions_due(*, plan: PlaybackPlan, lessons: dict[int, LessonMeta]) -> list[int]:
    """Lessons this plan takes to the completion share (not yet marked completed)."""
    share = conf.video_complete_share()
    return [
        pk for pk, meta in lessons.items()
        if plan.progress[pk].status != ProgressStatus.COMPLETED
        and plan.progress[pk].played_seconds >= share * float(meta.duration or 0) - 1e-6
        and plan.write.beats
    ]  # fmt: skip
