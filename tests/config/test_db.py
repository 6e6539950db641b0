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


TYPES = (
    "SELECT %(id)s::bigint, %(text)s::text, %(uuid)s::uuid, %(at)s::timestamptz, %(day)s::date, %(x)s::float8,"
    " %(yes)s::boolean, %(doc)s::jsonb, %(none)s::integer AS jianglian_types_probe"
)


def _types() -> dict:
    import datetime as dt
    import uuid

    from psycopg.types.json import Jsonb

    return {
        "id": 2**40, "text": "金水区 'quoted' \\ %s", "uuid": uuid.uuid4(), "at": dt.datetime(2026, 6, 15, 4, 0, tzinfo=dt.UTC),
        "day": dt.date(2026, 6, 15), "x": 0.1, "yes": True, "doc": Jsonb({"区": [1.5, None]}), "none": None,
    }  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_statement_alone_outside_a_transaction_answers_as_inside_one() -> None:
    values = _types()
    seen: list[tuple[str, object]] = []

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        seen.append((sql, context["cursor"]))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        alone = statements_run([(TYPES, values)])
    with transaction.atomic():
        inside = statements_run([(TYPES, values)])
    assert alone == inside
    assert alone[0][:3] == (2**40, "金水区 'quoted' \\ %s", values["uuid"]) and alone[0][-1] is None
    assert seen[0][0].startswith("PREPARE jianglian_")  # once per connection
    assert seen[1][0].startswith("EXECUTE jianglian_") and seen[1][1] is None  # by the protocol, not a cursor
    assert len(seen) == 2


@pytest.mark.django_db(transaction=True)
def test_a_statement_alone_is_logged_and_prepared_again_when_lost() -> None:
    statements_run([(STATEMENT, [1])])
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    with CaptureQueriesContext(connection) as queries:
        assert statements_run([(STATEMENT, [2])]) == [(3,)]  # outside a transaction nothing was lost: no error
    assert f"{STATEMENT} -- (2,)" in [q["sql"] for q in queries.captured_queries]
    assert len(_prepared()) == 1


@pytest.mark.django_db(transaction=True)
def test_a_refused_statement_alone_raises_djangos_error_and_the_connection_goes_on() -> None:
    from django.db import DataError

    with pytest.raises(DataError):
        statements_run([("SELECT 1 / %s::integer AS jianglian_refused_probe", [0])])
    assert statements_run([(STATEMENT, [4])]) == [(5,)]
