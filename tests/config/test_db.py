"""config.db.prepared_cursor: statements prepared once per connection, then only executed; still logged."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.db import prepared_cursor

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT %s::integer + 1 AS jianglian_prepared_probe"


def _prepared() -> list[str]:
    with connection.cursor() as cursor:  # Django's own cursor: never prepared itself
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%jianglian_prepared_probe%"])
        return [row[0] for row in cursor.fetchall()]


def test_a_statement_is_prepared_once_and_reused() -> None:
    for value in (1, 2, 3):
        with prepared_cursor() as cursor:
            cursor.execute(STATEMENT, [value])
            assert cursor.fetchone() == (value + 1,)
    assert len(_prepared()) == 1


def test_prepared_statements_are_logged_with_their_text() -> None:
    with CaptureQueriesContext(connection) as queries, prepared_cursor() as cursor:
        cursor.execute(STATEMENT, [41])
    assert [q["sql"] for q in queries.captured_queries] == [STATEMENT]


def test_djangos_own_queries_stay_unprepared() -> None:
    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, [1])
    for _ in range(3):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 7 AS jianglian_unprepared_probe")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%jianglian_unprepared_probe%"])
        assert cursor.fetchone() == (0,)
