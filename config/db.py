"""Prepared statements, and several statements per round trip, for the few hot paths (PostgreSQL).

Django sends every query as text with the values merged in, so PostgreSQL parses and plans it each time, and it
sends one statement per round trip. For the small statements of a playback heartbeat, planning was most of the
database's work, and on a virtual machine every round trip costs both processes more CPU than the statement
itself (the wake-up of the other side; bench/heartbeat.py). So the hot paths:

* prepare each statement once per connection with SQL ``PREPARE`` (the plan is kept; ``CONN_MAX_AGE`` keeps the
  connection) and then run ``EXECUTE name(values)``, the values quoted by psycopg's client-side binding;
* send several statements as one message (``statements_run``; PostgreSQL's simple query protocol runs them in
  order, each with its own snapshot) — e.g. a lock and the read that must follow it in one round trip;
* run a single statement outside a transaction (the heartbeat's) by the extended protocol instead, its values
  sent as text for the server to read by the statement's types: no quoting here, no ``EXECUTE`` parsed there.

SQL prepared statements, unlike psycopg's own (protocol-level) ones, survive a ROLLBACK — psycopg deallocates
all prepared statements after a rollback when it has any of its own, so this module never lets it prepare.
Behind a connection pooler they need session pooling (PgBouncer in transaction mode cannot keep them); direct
connections (this project's setup) need nothing. On another database (SQLite for ``make demo``) statements run
one by one, unprepared.

Statements are SQL with ``%s`` or ``%(name)s`` placeholders, each cast to its type (``%(user)s::bigint``), so
PostgreSQL knows the parameter types when preparing. Query logging (DEBUG, CaptureQueriesContext) records each
statement's own text, not the EXECUTE.
"""

from __future__ import annotations

import hashlib
import re
import time
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from django.db import connection
from django.db.backends.utils import CursorWrapper
from psycopg import pq
from psycopg.adapt import PyFormat, Transformer

Statement = tuple[str, Any]  # SQL with placeholders, and its parameters (a sequence, or a mapping by name)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s")
_PREFIX = "jianglian_"
_known: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()  # psycopg connection → names


class StatementsLost(Exception):
    """The server no longer has statements this connection prepared: someone ran DEALLOCATE or DISCARD ALL on
    it (nothing in this project does). They are prepared again at the next use; the failed work was not done."""


@dataclass(frozen=True)
class _Prepared:
    sql: str  # as written, with placeholders
    name: str
    keys: tuple[str | int, ...]  # the parameter behind $1, $2, …: a name, or a position
    definition: str  # PREPARE name AS …

    def execute(self, params: Any) -> tuple[str, list[Any]]:
        values = [params[key] for key in self.keys] if self.keys else []
        return (
            f"EXECUTE {self.name}({', '.join(['%s'] * len(values))})" if values else f"EXECUTE {self.name}"
        ), values


@cache
def _prepared(sql: str) -> _Prepared:
    keys: list[str | int] = []
    positions = iter(range(1_000_000))

    def number(match: re.Match[str]) -> str:
        key: str | int = match.group(1) if match.group(1) else next(positions)
        if key not in keys:
            keys.append(key)
        return f"${keys.index(key) + 1}"

    body = _PLACEHOLDER.sub(number, sql)
    name = _PREFIX + hashlib.sha1(sql.encode()).hexdigest()[:16]
    return _Prepared(sql, name, tuple(keys), f"PREPARE {name} AS {body}".replace("%", "%%"))


def _log(statements: Sequence[Statement], started: float) -> None:
    took = f"{time.monotonic() - started:.3f}"
    for sql, params in statements:
        values = params if isinstance(params, Mapping) else tuple(params or ())
        connection.queries_log.append({"sql": f"{sql} -- {values!r}" if values else sql, "time": took})


_LOST, _REFUSED = "lost", "refused"
_STATEMENT_MISSING = "26000"  # SQLSTATE invalid_sql_statement_name: deallocated behind our back


def _run_alone(item: _Prepared, params: Any) -> list[list[tuple]] | str:
    """One prepared statement outside a transaction, by the extended protocol: its values go as text that the
    server reads by the statement's own types — nothing to quote here, no ``EXECUTE`` to parse there (on the
    heartbeat: ~40 µs less CPU here and ~20 µs less in PostgreSQL). Only in autocommit: psycopg opens a
    transaction itself before its own queries, and would not before this one.

    ``_LOST`` or ``_REFUSED`` when the server refused it — alone in its implicit transaction, it did nothing —
    so the caller prepares it again, or runs it the usual way, which raises Django's error.
    """
    conn = connection.connection
    text, values = item.execute(params)
    started = time.monotonic()

    def execute(sql: str, params: Any, many: bool, context: dict[str, Any]) -> pq.abc.PGresult:
        with conn.lock, connection.wrap_database_errors:
            dumped = Transformer(conn).dump_sequence(values, [PyFormat.TEXT] * len(values))
            return conn.pgconn.exec_prepared(item.name.encode(), dumped)

    for wrapper in reversed(connection.execute_wrappers):  # as Django's cursor applies them
        execute = partial(wrapper, execute)
    result = execute(text, values, False, {"connection": connection, "cursor": None})
    if connection.queries_logged:
        _log([(item.sql, params)], started)
    if result.status == pq.ExecStatus.COMMAND_OK:
        return []
    if result.status != pq.ExecStatus.TUPLES_OK:
        return _LOST if result.error_field(pq.DiagnosticField.SQLSTATE) == _STATEMENT_MISSING.encode() else _REFUSED
    rows = Transformer(conn)
    rows.set_pgresult(result)
    return [rows.load_rows(0, result.ntuples, tuple)]


def statements_run(statements: Sequence[Statement]) -> list[tuple]:
    """Run the statements in order, as one message on PostgreSQL; the rows of the last one that returns rows."""
    results = statements_results(statements)
    return results[-1] if results else []


def statements_results(statements: Sequence[Statement]) -> list[list[tuple]]:
    """Run the statements in order, as one message on PostgreSQL; the rows of each one that returns rows.

    A statement given as plain text without parameters (``("BEGIN", None)``) is sent as it is.
    """
    return _results(statements, retry=True)


def _results(statements: Sequence[Statement], *, retry: bool) -> list[list[tuple]]:
    results: list[list[tuple]] = []
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    results.append(cursor.fetchall())
        return results
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    known = _known.setdefault(connection.connection, set())
    prepared = {sql: _prepared(sql) for sql, params in statements if params is not None}
    missing = {item.name: item.definition for item in prepared.values() if item.name not in known}
    if missing:  # once per connection and statement, on its own: a PREPARE either ran or it did not
        with connection.cursor() as cursor:
            cursor.execute(";\n".join(missing.values()))
        known.update(missing)
    if len(statements) == 1 and statements[0][1] is not None and connection.get_autocommit():
        alone = _run_alone(prepared[statements[0][0]], statements[0][1])
        if isinstance(alone, list):
            return alone
        if alone == _LOST and retry:  # deallocated behind our back: prepared again, run again
            known.clear()
            return _results(statements, retry=False)
    parts: list[str] = []
    values: list[Any] = []
    for sql, params in statements:
        if params is None:
            parts.append(sql.replace("%", "%%"))
            continue
        text, args = prepared[sql].execute(params)
        parts.append(text)
        values += args
    started = time.monotonic()
    with CursorWrapper(connection.create_cursor(), connection) as cursor:
        try:
            cursor.execute(";\n".join(parts), values)
        except Exception as error:
            if getattr(error.__cause__, "sqlstate", None) == _STATEMENT_MISSING:
                known.clear()
                raise StatementsLost(str(error)) from error
            raise
        finally:
            if connection.queries_logged:
                _log(statements, started)
        while True:
            if cursor.description is not None:
                results.append(cursor.fetchall())
            if not cursor.nextset():
                break
    return results
