"""config.batched_transaction: a transaction in two round trips; committed only by commit(), else rolled back."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from config.batched_transaction import batched_transaction

TABLE = "jianglian_batched_probe"


@pytest.fixture
def probe_table():  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (n integer NOT NULL UNIQUE)")
        cursor.execute(f"TRUNCATE {TABLE}")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def _rows() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n FROM {TABLE} ORDER BY n")
        return [n for (n,) in cursor.fetchall()]


def _insert(n: int) -> tuple[str, dict]:
    return f"INSERT INTO {TABLE} (n) VALUES (%(n)s::integer) RETURNING n", {"n": n}


def _count() -> tuple[str, list]:
    return f"SELECT count(*) + %s::integer FROM {TABLE}", [0]


def _round_trips():  # type: ignore[no-untyped-def]
    sent: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        sent.append(sql)
        return execute(sql, params, many, context)

    return sent, connection.execute_wrapper(count)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("probe_table")
def test_read_then_write_commits_in_two_round_trips() -> None:
    with batched_transaction() as tx:  # the first use on a connection prepares the statements (one more trip)
        tx.begin([_count()])
        tx.commit([_insert(1)])
    sent, counting = _round_trips()
    with counting, batched_transaction() as tx:
        assert tx.begin([_count(), _count()]) == [[(1,)], [(1,)]]
        assert tx.commit([_insert(2), _insert(3)]) == [(3,)]
    assert len(sent) == 2 and sent[0].startswith("BEGIN") and sent[1].endswith("COMMIT")
    assert _rows() == [1, 2, 3]
    assert connection.get_autocommit() and not connection.in_atomic_block


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("probe_table")
def test_leaving_without_commit_rolls_back() -> None:
    with pytest.raises(RuntimeError), batched_transaction() as tx:
        tx.begin([_insert(1)])
        raise RuntimeError("the rules refused")
    with batched_transaction() as tx:
        tx.begin([_insert(2)])  # and no commit()
    assert _rows() == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("probe_table")
def test_a_failed_write_keeps_nothing_and_the_connection_stays_usable() -> None:
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), batched_transaction() as tx:
        tx.begin([_insert(1)])
        tx.commit([_insert(1)])  # the unique constraint: the whole transaction is rolled back
    assert _rows() == []
    with batched_transaction() as tx:
        tx.begin([])
        tx.commit([_insert(3)])
    assert _rows() == [3]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("probe_table")
def test_inside_an_atomic_block_it_is_a_savepoint_of_the_enclosing_transaction() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        with batched_transaction() as tx:
            tx.begin([])
            tx.commit([_insert(1)])
        with batched_transaction() as tx:
            tx.begin([_insert(2)])  # rolled back to its savepoint, the enclosing transaction goes on
        assert _rows() == [1]
        raise RuntimeError("the enclosing transaction fails")
    assert _rows() == []
