"""The embedded setup (``make demo``: SQLite, dev settings, no ELASTICSEARCH_URL) searches the demo content
through the database backend, in a subprocess on a fresh SQLite database (the suite runs on PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import io, json, os
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
for folder in ("queue", "processed", "control"):
    os.makedirs(os.path.join(os.environ["JIANGLIAN_VAR_DIR"], "celery", folder), exist_ok=True)
call_command("migrate", verbosity=0)
call_command("load_demo_data", stdout=io.StringIO())
out = io.StringIO()
call_command("search_rebuild", stdout=out)
client = Client(HTTP_HOST="127.0.0.1")
page = client.get("/search/?q=数控")
api = client.get("/api/v1/search/", {"q": "焊", "kind": "course"})
print(json.dumps({"vendor": connection.vendor, "es": settings.ELASTICSEARCH_URL, "rebuild": out.getvalue(),
                  "page": page.status_code, "marked": "<mark>数控</mark>" in page.content.decode(),
                  "api": api.status_code, "body": api.json()}))
"""


def test_search_works_on_the_embedded_sqlite_setup(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL")}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "JIANGLIAN_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["vendor"] == "sqlite" and result["es"] == ""
    assert "search index rebuilt" in result["rebuild"]
    assert result["page"] == 200 and result["marked"]
    assert result["api"] == 200
    titles = [hit["title"] for hit in result["body"]["results"]]
    assert titles == ["焊接工艺与质量控制"], result["body"]
    assert {k["kind"]: k["count"] for k in result["body"]["kinds"]}["lesson"] >= 1
