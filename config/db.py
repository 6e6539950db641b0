"""Prepared statements for the few hot paths that run on every request of a busy endpoint (PostgreSQL).

Django sends every query as text with the values merged in, so PostgreSQL parses and plans it each time: for
the small statements of a playback heartbeat that planning is most of the database's work (about 100 µs
of ~110 µs for a token lookup, measured). ``prepared_cursor()`` gives a Django cursor (query logging and
``execute_wrappers`` still apply) whose statements are prepared once per persistent connection
(``CONN_MAX_AGE``) and then only bound and executed.

Prepared statements live in the server session: behind PgBouncer in transaction mode they need
``max_prepared_statements`` (PgBouncer ≥ 1.21); direct connections (this project's setup) need nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.backends.postgresql.base import CursorDebugWrapper, ServerBindingCursor
from django.db.backends.utils import CursorWrapper

EXPLICIT_ONLY = 2**31 - 1  # psycopg prepares a statement after this many runs, i.e. never by itself


class _PreparingCursor(ServerBindingCursor):
    """psycopg's server-side binding cursor, preparing every statement it runs (psycopg keeps them per
    connection, keyed by the statement text and the parameter types)."""

    def execute(self, query: Any, params: Any = None, *, prepare: bool | None = None, binary: bool | None = None) -> Any:
        return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)


class _DebugWrapper(CursorDebugWrapper):
    """Query logging (DEBUG, CaptureQueriesContext) of prepared statements: their text, as psycopg keeps no
    merged query for them."""

    def debug_sql(self, sql=None, params=None, use_last_executed_query=False, many=False):  # type: ignore[no-untyped-def]
        return super().debug_sql(sql, params, use_last_executed_query=False, many=many)


@contextmanager
def prepared_cursor() -> Iterator[CursorWrapper]:
    """A cursor on the default connection whose statements are prepared (use ``%s`` / ``%(name)s``).

    On another database (SQLite for ``make demo``) it is Django's ordinary cursor: same results, no preparing.
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off (prepare_threshold=None, for connection poolers), which also
        # ignores prepare=True; make it "explicit only": Django's own cursors bind client-side and never
        # prepare, so only the statements run here are.
        connection.connection.prepare_threshold = EXPLICIT_ONLY
    raw = _PreparingCursor(connection.connection)
    cursor = _DebugWrapper(raw, connection) if connection.queries_logged else connection.make_cursor(raw)
    try:
        yield cursor
    finally:
        cursor.close()
