"""One heartbeat in one statement: the call of PostgreSQL function ``learning_heartbeat_record`` (migration 0005).

Each database round trip costs more CPU than the heartbeat's rules (bench/heartbeat.py), so the usual heartbeat —
one, not completing its lesson — is a single prepared statement: the token check (the API's WSGI lane), the learner's
lock, the reads, the rules, the writes and the study-time points, inside PostgreSQL. The settings and the local
day travel as arguments. The answer says ``ok`` (with the lesson's playback state), ``unauthenticated``,
``not_enrolled`` or ``follow_up`` (the heartbeat completes its lesson: nothing was written, the caller runs it in
Python with the completion's follow-ups).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from psycopg.types.json import Jsonb

from config.db import statements_run

from .. import conf
from ..models import LedgerKind
from .heartbeat_rules import ACTIVITY_TOUCH_SECONDS, MIN_RATE, Heartbeat, LessonPlayback
from .ledger import local_day
from .lesson_cache import LessonMeta
from .locks import LOCK_NAMESPACE

_CALL = """SELECT learning_heartbeat_record(
  %(user)s::bigint, %(token)s::varchar, %(lesson)s::bigint, %(course)s::bigint, %(duration)s::float8,
  %(client)s::uuid, %(device)s::text, %(sent)s::timestamptz, %(intervals)s::jsonb, %(position)s::float8,
  %(rate)s::float8, %(visible)s::boolean, %(now)s::timestamptz, %(day)s::date, %(settings)s::jsonb)"""


@cache
def heartbeat_settings() -> str:
    """The rules' settings as the function's JSON argument (kept; signal_handlers forgets it when a
    ``LEARNING_*`` setting changes, as tests do)."""
    return json.dumps({
        "max_window": conf.heartbeat_max_window(), "max_rate": conf.max_playback_rate(), "min_rate": MIN_RATE,
        "max_age_days": conf.heartbeat_max_age_days(), "complete_share": conf.video_complete_share(),
        "point_seconds": conf.study_minutes_per_point() * 60, "points_cap": conf.points_daily_cap(),
        "touch_seconds": ACTIVITY_TOUCH_SECONDS, "lock_namespace": LOCK_NAMESPACE,
        "study_time_kind": str(LedgerKind.STUDY_TIME),
    })  # fmt: skip


@dataclass(frozen=True)
class RecordedInDatabase:
    status: str  # ok, unauthenticated, not_enrolled, follow_up
    user_id: int | None
    playback: LessonPlayback | None


def heartbeat_record_in_database(
    *, heartbeat: Heartbeat, lesson: LessonMeta, now: dt.datetime, user_id: int | None = None, token: str | None = None
) -> RecordedInDatabase:
    """Record ``heartbeat`` of ``user_id`` — or of the active user of API token ``token`` — in one statement."""
    params: dict[str, Any] = {
        "user": user_id, "token": token, "lesson": heartbeat.lesson_id, "course": lesson.course_id,
        "duration": float(lesson.duration or 0), "client": heartbeat.client_id, "device": heartbeat.device,
        "sent": heartbeat.sent_at, "intervals": Jsonb([list(span) for span in heartbeat.intervals]),
        "position": heartbeat.position, "rate": heartbeat.rate, "visible": heartbeat.visible, "now": now,
        "day": local_day(heartbeat.sent_at), "settings": heartbeat_settings(),
    }  # fmt: skip
    ((document,),) = statements_run([(_CALL, params)])
    answer = json.loads(document) if isinstance(document, str) else document  # Django reads jsonb as text
    if answer["status"] != "ok":
        return RecordedInDatabase(answer["status"], answer.get("user"), None)
    duplicate = bool(answer["duplicate"])
    playback = LessonPlayback(
        lesson_id=heartbeat.lesson_id, duration=float(lesson.duration or 0), played_seconds=answer["played_seconds"],
        position=answer["position"], completed=answer["completed"], credited_seconds=answer["credited_seconds"],
        accepted=0 if duplicate else 1, duplicates=1 if duplicate else 0,
        outcomes=[] if duplicate else [answer["outcome"]],
    )  # fmt: skip
    return RecordedInDatabase("ok", answer["user"], playback)
