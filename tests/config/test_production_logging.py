"""Production settings log one JSON object per line on stderr (structlog), Chinese kept readable."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import logging, structlog
logging.getLogger("jianglian.test").warning("上线进网提醒 %s", "金水区")
structlog.get_logger("jianglian.test").info("studio_online", studio="数控加工创新工作室", count=3)
"""


def test_production_logs_are_json_lines():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x7!kq2-production-like-secret-" + "a9Zb3" * 10,
        ALLOWED_HOSTS="jianglian.example.cn",
        DATABASE_URL=os.environ["DATABASE_URL"],
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCRIPT],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    by_event = {record["event"]: record for record in records}
    assert by_event["上线进网提醒 金水区"]["level"] == "warning"
    studio = by_event["studio_online"]
    assert studio["studio"] == "数控加工创新工作室" and studio["count"] == 3
    assert "timestamp" in studio
    # every line the app wrote is JSON: nothing unstructured mixed in
    assert all(line.startswith("{") for line in result.stderr.splitlines() if line.strip())
