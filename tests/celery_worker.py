"""A real Celery worker for tests (no eager mode, no mocks), re-exported by tests/conftest.py.

``celery_worker_process`` (session scope) starts

    .venv/bin/celery -A config worker -l info -Q default,transcode --pool=prefork --concurrency=2 -n test-…@%h

against a dedicated Redis database (the db number of ``$REDIS_URL`` replaced by ``$CELERY_TEST_REDIS_DB``,
15 by default; flushed before start) and against pytest-django's TEST database, so the worker reads what
the tests commit. The test process publishes to the same broker while the fixture is active. Mail the
worker sends goes to files in ``worker.mail_dir`` (Django's file-based backend), since locmem mail of
another process cannot be read from here.

Tests that use the worker must commit their data: request ``celery_worker`` (which pulls in
``transactional_db``) rather than ``celery_worker_process`` directly.

    def test_something(celery_worker):
        result = some_task.delay(obj.pk)
        celery_worker.wait_for_task(result.id)
        wait_until(lambda: ..., message="…")
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import kombu.pools
import pytest

T = TypeVar("T")

QUEUES = "default,transcode"
START_TIMEOUT = 60.0  # seconds until the worker must answer a ping
STOP_GRACE = 20.0  # seconds for a warm shutdown before SIGKILL
MAIL_SEPARATOR = b"-" * 79  # what django.core.mail.backends.filebased writes between messages
HINT = 'start the services first: scripts/services.sh up && eval "$(scripts/services.sh env)"'


def wait_until(
    condition: Callable[[], T], *, timeout: float = 30.0, interval: float = 0.2, message: str = "a condition"
) -> T:
    """Call ``condition`` until it returns something truthy and return that; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out after {timeout:g}s waiting for {message}", pytrace=False)
        time.sleep(interval)


def broker_url_for_tests(redis_url: str, db: int) -> str:
    """``redis://host:port/0`` → ``redis://host:port/<db>`` (query string and credentials kept)."""
    parts = urlsplit(redis_url)
    if parts.scheme not in {"redis", "rediss"}:
        pytest.fail(f"REDIS_URL must be a redis:// address, got {redis_url!r} ({HINT})", pytrace=False)
    return urlunsplit(parts._replace(path=f"/{db}"))


def database_url(settings_dict: dict[str, Any]) -> str:
    """A django-environ ``postgres://`` URL for a connection's settings (used for the test database)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or ""
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    options = {k: v for k, v in (settings_dict.get("OPTIONS") or {}).items() if isinstance(v, str | int)}
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{credentials}{host}{port}/{quote(settings_dict['NAME'], safe='')}{query}"


def _point_app_at(app: Any, broker_url: str, *, environ_value: str | None) -> None:
    """Make this process publish to ``broker_url``.

    Celery reads ``$CELERY_BROKER_URL`` before its own setting, so both change (``environ_value`` None
    removes the variable), and the cached connection and producer pools, bound to the old address, are closed.
    """
    if environ_value is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = environ_value
    app.conf.broker_url = broker_url
    # kombu keeps producer pools in a global registry keyed by connection: closing them without clearing it
    # would hand the closed pool back when the address is used again ("Acquire on closed pool").
    kombu.pools.reset()
    app.amqp._producer_pool = None
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None


@dataclass
class CeleryWorker:
    """Handle on the running worker process."""

    process: subprocess.Popen[bytes]
    node_prefix: str
    broker_url: str
    log_path: Path
    mail_dir: Path
    app: Any = field(repr=False)

    # ------------------------------------------------------------------ log
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def ping(self, timeout: float = 1.0) -> bool:
        replies = self.app.control.ping(timeout=timeout)
        return any(name.startswith(self.node_prefix) for reply in replies for name in reply)

    def wait_for_task(self, task_id: str, *, timeout: float = 30.0) -> str:
        """Wait until the worker logged the end of task ``task_id``; return its return value as logged.

        Fails the test if the task raised (the log line is in the message).
        """
        done = re.compile(rf"\[{re.escape(task_id)}\] (succeeded in [\d.e-]+s: (?P<value>.*)|raised .*)")

        def finished() -> re.Match[str] | None:
            if self.process.poll() is not None:
                pytest.fail(f"the Celery worker exited:\n{self.log_tail()}", pytrace=False)
            return done.search(self.log())

        match = wait_until(finished, timeout=timeout, message=f"Celery task {task_id}")
        if match.group("value") is None:
            pytest.fail(f"Celery task {task_id} failed: {match.group(0)}\n{self.log_tail()}", pytrace=False)
        return match.group("value").strip()

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Wait until nothing is queued for, reserved by or running in the worker (at most ``timeout``),
        so that a test's teardown never truncates tables under a task that is still at work."""
        import redis

        client = redis.Redis.from_url(self.broker_url, socket_connect_timeout=5, socket_timeout=5)
        inspector = self.app.control.inspect(timeout=1.0, limit=1)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and self.process.poll() is None:
                queued = sum(client.llen(queue) for queue in QUEUES.split(","))
                replies = {**(inspector.active() or {}), **{f"r:{k}": v for k, v in (inspector.reserved() or {}).items()}}
                busy = [task for name, tasks in replies.items() if self.node_prefix in name for task in tasks]
                if not queued and not busy:
                    return
                time.sleep(0.3)
        finally:
            client.close()

    # ------------------------------------------------------------------ mail
    def sent_mail(self, *, to: str | None = None) -> list[EmailMessage]:
        """Every message the worker's file-based mail backend wrote, optionally only those sent to ``to``."""
        messages: list[EmailMessage] = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(b"\n" + MAIL_SEPARATOR + b"\n"):
                if chunk.strip():
                    message = email.message_from_bytes(chunk.strip() + b"\n", policy=email.policy.default)
                    messages.append(message)  # type: ignore[arg-type]
        if to is not None:
            messages = [m for m in messages if to in str(m.get("To", ""))]
        return messages


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Warm shutdown of the worker's process group (main process and pool children), then SIGKILL."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            pass
    try:  # pool children that outlived the main process, or a main process that ignored SIGTERM
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def celery_worker_process(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CeleryWorker]:
    """Start one real worker for the test session, wired to the test database and a dedicated broker db."""
    import redis
    from django.conf import settings
    from django.db import connection

    from config import celery_app

    redis_url = os.environ.get("REDIS_URL", "").strip()
    if not redis_url:
        pytest.fail(f"environment variable REDIS_URL is not set ({HINT})", pytrace=False)
    broker_url = broker_url_for_tests(redis_url, int(os.environ.get("CELERY_TEST_REDIS_DB", "15")))
    client = redis.Redis.from_url(broker_url, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.flushdb()
    except redis.RedisError as exc:
        pytest.fail(f"Redis at {broker_url} is not usable: {exc} ({HINT})", pytrace=False)
    finally:
        client.close()

    celery = Path(settings.BASE_DIR) / ".venv" / "bin" / "celery"
    if not os.access(celery, os.X_OK):
        pytest.fail(f"{celery} is missing: install the project into .venv", pytrace=False)

    base_dir = tmp_path_factory.mktemp("celery-worker")
    mail_dir = base_dir / "mail"
    mail_dir.mkdir()
    log_path = base_dir / "worker.log"
    node_prefix = f"test-{uuid.uuid4().hex[:8]}@"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_BROKER_URL": broker_url,
        "DATABASE_URL": database_url(connection.settings_dict),  # NAME is test_<name> after django_db_setup
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        str(celery), "-A", "config", "worker", "-l", "info", "-Q", QUEUES,
        "--pool=prefork", "--concurrency=2", "-n", f"{node_prefix}%h",
        "--include", "tests.worker_hooks",  # content types re-read after each test's flush
    ]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,  # own process group: stop it and its children
        )
    original_broker = (celery_app.conf.broker_url, os.environ.get("CELERY_BROKER_URL"))
    _point_app_at(celery_app, broker_url, environ_value=broker_url)
    worker = CeleryWorker(
        process=process, node_prefix=node_prefix, broker_url=broker_url, log_path=log_path,
        mail_dir=mail_dir, app=celery_app,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not worker.ping():
            if process.poll() is not None:
                pytest.fail(
                    f"the Celery worker exited with status {process.returncode} on start:\n"
                    f"{worker.log_tail()}",
                    pytrace=False,
                )
            if time.monotonic() >= deadline:
                pytest.fail(
                    f"the Celery worker did not answer a ping within {START_TIMEOUT:g}s "
                    f"({' '.join(command)} on {socket.gethostname()}):\n{worker.log_tail()}",
                    pytrace=False,
                )
            time.sleep(0.5)
        # Only tests that ask for `celery_worker` publish to the worker: a test that merely enqueues (an upload
        # that completes, a page save) must not leave the worker busy on its rows while the next flush truncates.
        _point_app_at(celery_app, original_broker[0], environ_value=original_broker[1])
        yield worker
    finally:
        _stop(process)
        _point_app_at(celery_app, original_broker[0], environ_value=original_broker[1])


@pytest.fixture
def celery_worker(celery_worker_process: CeleryWorker, transactional_db: None) -> Iterator[CeleryWorker]:
    """The session's worker, for a test whose data is committed (so the worker process can read it).

    For the test's duration this process publishes to the worker's broker; afterwards to the one it had.
    """
    from config import celery_app

    if celery_worker_process.process.poll() is not None:
        pytest.fail(f"the Celery worker has exited:\n{celery_worker_process.log_tail()}", pytrace=False)
    original_broker = (celery_app.conf.broker_url, os.environ.get("CELERY_BROKER_URL"))
    _point_app_at(celery_app, celery_worker_process.broker_url, environ_value=celery_worker_process.broker_url)
    try:
        yield celery_worker_process
        celery_worker_process.wait_idle()
    finally:
        _point_app_at(celery_app, original_broker[0], environ_value=original_broker[1])
