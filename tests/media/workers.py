"""Extra real Celery workers for the tests that kill one. They use the broker database of ``$REDIS_URL``
(not the session worker's ``$CELERY_TEST_REDIS_DB``), so the session's worker (tests/celery_worker.py)
never competes for these jobs."""

from __future__ import annotations

import os
import signal
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.celery_worker import _point_app_at, broker_url_for_tests, database_url, wait_until

START_TIMEOUT = 60.0


@dataclass
class Workers:
    broker_url: str
    log_dir: Path
    app: object
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self) -> subprocess.Popen[bytes]:
        from django.conf import settings
        from django.db import connection

        name = f"killtest-{uuid.uuid4().hex[:8]}@%h"
        log = self.log_dir / f"worker-{len(self.processes)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "CELERY_BROKER_URL": self.broker_url,
            "DATABASE_URL": database_url(connection.settings_dict),
            "PYTHONUNBUFFERED": "1",
        }
        command = [
            str(Path(settings.BASE_DIR) / ".venv" / "bin" / "celery"), "-A", "config", "worker", "-l", "info",
            "-Q", "default,transcode", "--pool=prefork", "--concurrency=1", "-n", name,
            "--include", "tests.worker_hooks",
        ]  # fmt: skip
        with log.open("wb") as handle:
            process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=handle, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        self.processes.append(process)
        prefix = name.split("@")[0] + "@"

        def answers() -> bool:
            if process.poll() is not None:
                pytest.fail(f"worker exited on start:\n{log.read_text(errors='replace')}", pytrace=False)
            replies = self.app.control.ping(timeout=1.0)  # type: ignore[attr-defined]
            return any(n.startswith(prefix) for reply in replies for n in reply)

        wait_until(answers, timeout=START_TIMEOUT, interval=0.5, message="the extra Celery worker")
        return process

    def log(self, index: int) -> str:
        return (self.log_dir / f"worker-{index}.log").read_text(errors="replace")

    @staticmethod
    def kill(process: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker's whole process group: main process, pool children and their ffmpeg."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture
def killable_workers(transactional_db, tmp_path: Path) -> Iterator[Workers]:  # type: ignore[no-untyped-def]
    import redis
    from kombu import pools

    from config import celery_app

    redis_url = os.environ.get("REDIS_URL", "").strip()
    if not redis_url:
        pytest.fail("REDIS_URL is not set", pytrace=False)
    db = int(urlsplit(redis_url).path.strip("/") or 0)
    if db == int(os.environ.get("CELERY_TEST_REDIS_DB", "15")):
        pytest.fail("REDIS_URL and CELERY_TEST_REDIS_DB must name different databases", pytrace=False)
    broker = broker_url_for_tests(redis_url, db)
    client = redis.Redis.from_url(broker, socket_connect_timeout=5)
    client.flushdb()
    client.close()
    original = (celery_app.conf.broker_url, os.environ.get("CELERY_BROKER_URL"))
    _point_app_at(celery_app, broker, environ_value=broker)
    pools.reset()  # kombu's global pools keep closed pools per broker address across switches
    workers = Workers(broker_url=broker, log_dir=tmp_path, app=celery_app)
    try:
        yield workers
    finally:
        for process in workers.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
        _point_app_at(celery_app, original[0], environ_value=original[1])
        pools.reset()
