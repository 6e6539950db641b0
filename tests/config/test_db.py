"""config.db: statements prepared once per connection (SQL PREPARE), several per round trip, still logged."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from config.db import StatementsLost, statements_results, statements_run

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT %s::integer + 1 AS jianglian_prepared_probe"


def _prepared(probe: str = "jianglian_prepared_probe") -> list[str]:
    with connection.cursor() as cursor:  # Django's own cursor: never prepared itself
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{probe}%"])
        return [row[0] for row in cursor.fetchall()]


def test_a_statement_is_prepared_once_and_reused() -> None:
    for value in (1, 2, 3):
        assert statements_run([(STATEMENT, [value])]) == [(value + 1,)]
    assert len(_prepared()) == 1


def test_prepared_statements_are_logged_with_their_text_and_values() -> None:
    with CaptureQueriesContext(connection) as queries:
        statements_run([(STATEMENT, [41])])
    assert [q["sql"] for q in queries.captured_queries] == [f"{STATEMENT} -- (41,)"]


def test_djangos_own_queries_stay_unprepared() -> None:
    statements_run([(STATEMENT, [1])])
    for _ in range(3):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 7 AS jianglian_unprepared_probe")
    assert _prepared("jianglian_unprepared_probe") == []


def test_several_statements_go_as_one_message_and_each_answers() -> None:
    statements = [
        ("SELECT %(a)s::integer * 2 AS jianglian_double, %(a)s::integer AS again", {"a": 21}),
        ("SET LOCAL statement_timeout = '5s'", None),
        (STATEMENT, [9]),
    ]
    with transaction.atomic():
        assert statements_results(statements) == [[(42, 21)], [(10,)]]
        assert statements_run(statements) == [(10,)]


def test_prepared_statements_outlive_a_rollback() -> None:
    statements_run([(STATEMENT, [1])])
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        statements_run([(STATEMENT, [2])])
        raise ZeroDivisionError
    assert statements_run([(STATEMENT, [3])]) == [(4,)]  # no "prepared statement does not exist"


def test_statements_deallocated_behind_its_back_are_reported_then_prepared_again() -> None:
    statements_run([(STATEMENT, [1])])
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    with pytest.raises(StatementsLost), transaction.atomic():
        statements_run([(STATEMENT, [2])])
    assert statements_run([(STATEMENT, [3])]) == [(4,)]
