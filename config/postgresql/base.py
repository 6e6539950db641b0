"""Django's PostgreSQL backend with a health check that needs no round trip to the server.

With ``CONN_HEALTH_CHECKS`` Django checks a persistent connection before the first query of every request by
running ``SELECT 1``: one more round trip on every request that touches the database (a quarter of the work of a
playback heartbeat, measured with bench/heartbeat.py). Between requests the connection is idle, and an idle
PostgreSQL connection receives nothing unless the server ends it (restart, ``pg_terminate_backend``,
``idle_session_timeout``: an error message, then end of file) or sends an unsolicited notice. So the check here
asks the operating system whether the idle socket has anything to read, without waiting: something to read, or
a closed or broken connection, means unusable (Django then reconnects); nothing means usable, as ``SELECT 1``
would have said. A connection that is not idle gets Django's check.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq

_IDLE = (pq.TransactionStatus.IDLE, pq.TransactionStatus.INTRANS)


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        conn = self.connection
        if conn is None or conn.closed or conn.broken:
            return False
        if conn.info.transaction_status not in _IDLE:
            return super().is_usable()
        try:
            readable, _writable, failed = select.select([conn.fileno()], [], [conn.fileno()], 0)
        except (OSError, ValueError):
            return False
        return not readable and not failed
