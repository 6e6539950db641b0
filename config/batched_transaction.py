"""A short read-modify-write transaction in two round trips to PostgreSQL, for the hottest writes.

Django's ``atomic()`` costs a round trip for BEGIN, one per statement and one for COMMIT, and on a virtual
machine every round trip costs both processes more CPU than a small statement (config.db). Here:

* ``begin(statements)`` sends ``BEGIN`` and the statements (e.g. take a lock, then read) as one message;
* ``commit(statements)`` sends the statements (the writes) and ``COMMIT`` as one message;

``begin`` returns the rows of each statement, ``commit`` those of its last (config.db.statements_run: prepared statements, each
with its own snapshot — a read sent after a lock sees every commit made before the lock was granted).

Django takes no part: between ``begin`` and ``commit`` the caller must not use the database through Django, nor
need ``transaction.on_commit``. Inside an atomic block (tests, a caller's transaction) a savepoint stands in for
the transaction and commits with the enclosing one. Leaving the block without ``commit()`` rolls back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import NotSupportedError, connection
from psycopg import pq

from .db import Statement, statements_results, statements_run

_SAVEPOINT = "jianglian_batched"


class BatchedTransaction:
    """See the module; made by ``batched_transaction()``."""

    def __init__(self, *, nested: bool) -> None:
        self._nested = nested
        self.open = False

    def begin(self, statements: Sequence[Statement]) -> list[list[tuple]]:
        """Each statement's rows (of those that return rows)."""
        self.open = True
        return statements_results(
            [(f"SAVEPOINT {_SAVEPOINT}" if self._nested else "BEGIN", None), *statements]
        )

    def commit(self, statements: Sequence[Statement] = ()) -> list[tuple]:
        rows = statements_run(
            [*statements, (f"RELEASE SAVEPOINT {_SAVEPOINT}" if self._nested else "COMMIT", None)]
        )
        self.open = False
        return rows

    def rollback(self) -> None:
        self.open = False
        if connection.connection.info.transaction_status == pq.TransactionStatus.IDLE:
            return
        if self._nested:
            statements_run(
                [(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}", None), (f"RELEASE SAVEPOINT {_SAVEPOINT}", None)]
            )
        else:
            statements_run([("ROLLBACK", None)])


@contextmanager
def batched_transaction() -> Iterator[BatchedTransaction]:
    """A transaction in two round trips (see the module). PostgreSQL only."""
    if connection.vendor != "postgresql":
        raise NotSupportedError("batched_transaction() needs PostgreSQL")
    transaction = BatchedTransaction(nested=connection.in_atomic_block)
    try:
        yield transaction
    finally:
        if transaction.open:
            transaction.rollback()
