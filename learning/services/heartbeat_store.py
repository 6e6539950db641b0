"""The database side of heartbeats: one read of a learner's playback state under their lock, one write back.

Batches and completions (the usual single heartbeat is heartbeat_function's one statement) run, in Django's
atomic(), three prepared statements (config.db) in two round trips — the lock and the read as one message, the
write as another (``playback_state_load`` / ``playback_state_save``):

1. ``pg_advisory_xact_lock`` — the learner's lock (locks.learner_lock), held until commit;
2. one read, *after* the lock so its snapshot includes every earlier writer's commit: the enrolments of the
   courses concerned, the progress rows of the lessons, which of the client ids were already recorded, and
   the wall-clock windows this person already earned around the heartbeats' windows. No row locks: every
   writer of a person's progress and ledger holds the learner's lock (locks.py), and a row lock per read
   would be a WAL record per heartbeat for nothing;
3. one write (data-modifying CTEs): the audit rows (a client id already recorded — possible only if a writer
   bypassed the learner's lock — violates the unique constraint and nothing is written), the progress rows
   (upsert), study time per day (upsert, returning the day's totals for points) and, at most once a minute,
   the enrolment's "last activity".

Rows travel as JSON documents (``jsonb_to_recordset``), so the statement text never changes with the number of
heartbeats and stays prepared. Timestamps travel as ISO 8601 text, never as floats (no rounding).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError
from django.utils.translation import gettext as _
from psycopg.types.json import Jsonb

from config.db import Statement, statements_run
from config.errors import ApplicationError

from .locks import LOCK_NAMESPACE

_LOCK = "SELECT pg_advisory_xact_lock(%(namespace)s::integer, %(user)s::integer)"

_LOAD_TEMPLATE = """
SELECT
  (SELECT coalesce(json_agg(json_build_array(e.course_id, e.id, e.last_lesson_id, e.last_activity_at)), '[]')
     FROM learning_enrollment AS e
    WHERE e.user_id = %(user)s::bigint AND e.course_id {courses}),
  (SELECT coalesce(json_agg(json_build_array(p.lesson_id, p.id, p.course_id, p.status, p.played_ranges,
                                             p.played_seconds, p.position, p.position_at)), '[]')
     FROM learning_lessonprogress AS p
    WHERE p.user_id = %(user)s::bigint AND p.lesson_id {lessons}),
  (SELECT coalesce(json_agg(h.client_id), '[]')
     FROM learning_playbackheartbeat AS h
    WHERE h.user_id = %(user)s::bigint AND h.client_id {clients}),
  (SELECT coalesce(json_agg(json_build_array(extract(epoch FROM h.window_start), extract(epoch FROM h.window_end))), '[]')
     FROM learning_playbackheartbeat AS h
    WHERE h.user_id = %(user)s::bigint AND h.window_end > %(start)s::timestamptz
      AND h.window_start < %(end)s::timestamptz)
"""

_SAVE_TEMPLATE = """
WITH beats AS (
  INSERT INTO learning_playbackheartbeat
    (user_id, lesson_id, client_id, device, sent_at, received_at, intervals, position, rate, visible,
     window_start, window_end, media_seconds, new_coverage, credited_seconds, outcome)
  SELECT %(user)s::bigint, r.lesson_id, r.client_id, r.device, r.sent_at, %(now)s::timestamptz, r.intervals,
         r.position, r.rate, r.visible, r.window_start, r.window_end, r.media_seconds, r.new_coverage,
         r.credited_seconds, r.outcome
    FROM jsonb_to_recordset(%(beats)s::jsonb) AS r(
         lesson_id bigint, client_id uuid, device text, sent_at timestamptz, intervals jsonb, position float8,
         rate float8, visible boolean, window_start timestamptz, window_end timestamptz, media_seconds float8,
         new_coverage float8, credited_seconds float8, outcome text)
), progress AS (
  INSERT INTO learning_lessonprogress
    (user_id, lesson_id, course_id, status, played_ranges, played_seconds, position, position_at,
     pages_seen, page_count, read_percent, completed_at, updated_at)
  SELECT %(user)s::bigint, r.lesson_id, r.course_id, r.status, r.played_ranges, r.played_seconds, r.position,
         r.position_at, '[]'::jsonb, NULL, 0, NULL, %(now)s::timestamptz
    FROM jsonb_to_recordset(%(progress)s::jsonb) AS r(
         lesson_id bigint, course_id bigint, status text, played_ranges jsonb, played_seconds float8,
         position float8, position_at timestamptz)
  ON CONFLICT (user_id, lesson_id) DO UPDATE
     SET status = EXCLUDED.status, played_ranges = EXCLUDED.played_ranges,
         played_seconds = EXCLUDED.played_seconds, position = EXCLUDED.position,
         position_at = EXCLUDED.position_at, updated_at = EXCLUDED.updated_at
  RETURNING lesson_id, id
), days AS (
  INSERT INTO learning_dailystudy (user_id, day, seconds, points)
  SELECT %(user)s::bigint, r.day, r.seconds, 0
    FROM jsonb_to_recordset(%(days)s::jsonb) AS r(day date, seconds float8)
  ON CONFLICT (user_id, day) DO UPDATE SET seconds = learning_dailystudy.seconds + EXCLUDED.seconds
  RETURNING day, id, seconds, points
), touched AS (
  UPDATE learning_enrollment AS e
     SET last_activity_at = %(now)s::timestamptz,
         last_lesson_id = CASE WHEN e.id = %(last_for)s::bigint THEN %(last_lesson)s::bigint ELSE e.last_lesson_id END
   WHERE e.id {touch}
  RETURNING 1
)
SELECT (SELECT coalesce(json_agg(json_build_array(lesson_id, id)), '[]') FROM progress),
       (SELECT coalesce(json_agg(json_build_array(day, id, seconds, points)), '[]') FROM days),
       (SELECT count(*) FROM touched)
"""

# One heartbeat (one that completes its lesson; the others go to heartbeat_function): scalar parameters, so the
# prepared statements get generic plans that are single probes of unique indexes. A batch (offline queue): arrays.
_ONE = {
    "courses": "= %(courses)s::bigint",
    "lessons": "= %(lessons)s::bigint",
    "clients": "= %(clients)s::uuid",
}
_MANY = {"courses": "= ANY(%(courses)s::bigint[])", "lessons": "= ANY(%(lessons)s::bigint[])",
         "clients": "= ANY(%(clients)s::uuid[])"}  # fmt: skip
_LOAD = {True: _LOAD_TEMPLATE.format(**_ONE), False: _LOAD_TEMPLATE.format(**_MANY)}
_SAVE = {
    True: _SAVE_TEMPLATE.format(touch="= %(touch)s::bigint"),
    False: _SAVE_TEMPLATE.format(touch="= ANY(%(touch)s::bigint[])"),
}


@dataclass
class EnrollmentState:
    pk: int
    last_lesson_id: int | None
    last_activity_at: dt.datetime | None


@dataclass
class ProgressState:
    """One LessonProgress row as the heartbeat rules see it (``pk`` is None until it is written)."""

    pk: int | None
    lesson_id: int
    course_id: int
    status: str
    played_ranges: list[list[float]]
    played_seconds: float
    position: float
    position_at: dt.datetime | None


@dataclass
class PlaybackState:
    enrollments: dict[int, EnrollmentState]  # by course id
    progress: dict[int, ProgressState]  # by lesson id (existing rows only)
    seen: set[uuid.UUID]
    earned: list[tuple[float, float]]  # wall-clock windows already earned (epoch seconds)


@dataclass
class DayTotal:
    pk: int
    seconds: float
    points: int


@dataclass
class SavedState:
    progress_ids: dict[int, int]  # lesson id → LessonProgress id
    days: dict[dt.date, DayTotal]  # the day's totals after this write


@dataclass(frozen=True)
class PlaybackWrite:
    """Everything one request writes: the audit rows, the changed progress rows, the study time per day and the
    enrolments to touch (``(enrollment id, last lesson id or None)``; at most one gets a last lesson)."""

    beats: Sequence[dict[str, Any]]
    progress: Sequence[ProgressState]
    days: dict[dt.date, float]
    touch: Sequence[tuple[int, int | None]]


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def load_statements(
    *,
    user_id: int,
    course_ids: Iterable[int],
    lesson_ids: Iterable[int],
    client_ids: Iterable[uuid.UUID],
    start: dt.datetime,
    end: dt.datetime,
) -> list[Statement]:
    """The learner's lock, then the read of everything the heartbeat rules need (rows: ``load_parse``)."""
    courses, lessons, clients = sorted(course_ids), sorted(lesson_ids), list(client_ids)
    single = len(courses) == len(lessons) == len(clients) == 1
    params = {"start": start, "end": end, "namespace": LOCK_NAMESPACE, "user": user_id}
    if single:
        params |= {"courses": courses[0], "lessons": lessons[0], "clients": clients[0]}
    else:
        params |= {"courses": courses, "lessons": lessons, "clients": clients}
    return [(_LOCK, params), (_LOAD[single], params)]


def load_parse(rows: Sequence[tuple]) -> PlaybackState:
    enrollments, progress, seen, earned = rows[0]
    return PlaybackState(
        enrollments={
            course: EnrollmentState(pk, last_lesson, _when(last_at))
            for course, pk, last_lesson, last_at in enrollments
        },
        progress={
            lesson: ProgressState(pk, lesson, course, status, ranges, seconds, position, _when(position_at))
            for lesson, pk, course, status, ranges, seconds, position, position_at in progress
        },
        seen={uuid.UUID(value) for value in seen},
        earned=[(float(a), float(b)) for a, b in earned],
    )


def save_statement(*, user_id: int, now: dt.datetime, write: PlaybackWrite) -> Statement:
    """The one statement writing ``write`` (rows: ``save_parse``)."""
    beats, progress, days, touch = write.beats, write.progress, write.days, write.touch
    single = len(beats) <= 1 and len(progress) <= 1 and len(days) <= 1 and len(touch) <= 1
    last = [(pk, lesson) for pk, lesson in touch if lesson is not None]
    params = {
        "user": user_id, "now": now,
        "beats": Jsonb([{**beat, "sent_at": _iso(beat["sent_at"]), "window_start": _iso(beat["window_start"]),
                         "window_end": _iso(beat["window_end"]), "client_id": str(beat["client_id"])} for beat in beats]),
        "progress": Jsonb([
            {"lesson_id": row.lesson_id, "course_id": row.course_id, "status": row.status,
             "played_ranges": row.played_ranges, "played_seconds": row.played_seconds, "position": row.position,
             "position_at": _iso(row.position_at)}
            for row in progress
        ]),
        "days": Jsonb([{"day": day.isoformat(), "seconds": seconds} for day, seconds in days.items()]),
        "touch": (touch[0][0] if touch else None) if single else [pk for pk, _lesson in touch],
        "last_for": last[0][0] if last else None, "last_lesson": last[0][1] if last else None,
    }  # fmt: skip
    return _SAVE[single], params


def save_parse(rows: Sequence[tuple]) -> SavedState:
    ids, totals, _touched = rows[0]
    return SavedState(
        progress_ids=dict(ids),
        days={
            dt.date.fromisoformat(day): DayTotal(pk, seconds, points) for day, pk, seconds, points in totals
        },
    )


def recorded_twice(error: IntegrityError) -> ApplicationError:
    """The refusal when an audit row's client id was already recorded: another request wrote it without the
    learner's lock (the rules never let it happen otherwise); nothing of this request is kept."""
    return ApplicationError(_("这些心跳正在另一个请求中处理，请稍后重试。"), status=409)


def playback_state_load(**kwargs: Any) -> PlaybackState:
    """Take the learner's lock, then read (inside the caller's atomic block); arguments as ``load_statements``."""
    return load_parse(statements_run(load_statements(**kwargs)))


def playback_state_save(*, user_id: int, now: dt.datetime, write: PlaybackWrite) -> SavedState:
    """Write it all in one statement (inside the caller's atomic block, under the learner's lock)."""
    try:
        return save_parse(statements_run([save_statement(user_id=user_id, now=now, write=write)]))
    except IntegrityError as error:
        raise recorded_twice(error) from error
