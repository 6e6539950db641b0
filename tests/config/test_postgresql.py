"""config.postgresql: the health check without a round trip still notices a connection the server ended."""

from __future__ import annotations

import time

import psycopg
import pytest
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_a_healthy_idle_connection_is_usable_without_a_query() -> None:
    connection.ensure_connection()
    sent: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: sent.append(sql) or execute(sql, *args)):
        assert connection.is_usable()
    assert sent == []


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_unusable_and_replaced() -> None:
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    settings = connection.get_connection_params()
    with psycopg.connect(**settings, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    for _ in range(50):  # the server's goodbye message arrives
        if not connection.is_usable():
            break
        time.sleep(0.02)
    assert not connection.is_usable()
    connection.health_check_enabled, connection.health_check_done = True, False
    connection.close_if_health_check_failed()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
