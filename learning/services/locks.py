"""One lock per learner: every write to a person's progress and ledger is serialised through it, so two
devices (or a device and its offline batch) can never earn the same wall-clock time twice.

Invariant: whatever writes LessonProgress, PlaybackHeartbeat, DailyStudy or LedgerEntry rows of a person
takes this lock first, in the same transaction (heartbeats, document and text reading, quizzes); the
heartbeat path then reads those rows without row locks (heartbeat_store)."""

from __future__ import annotations

from django.db import connection

LOCK_NAMESPACE = 0x4C52  # "LR": keeps these advisory locks apart from any other app's


def learner_lock(*, user_id: int) -> None:
    """Hold PostgreSQL's transaction-scoped advisory lock for this learner until commit/rollback.

    On SQLite (the single-machine ``make demo`` setup) there is nothing to take: SQLite lets one
    transaction write at a time, which serialises every learner's writes anyway.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, user_id])
