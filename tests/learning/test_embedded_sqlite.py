"""The embedded setup (``make demo``: SQLite, dev settings) records playback heartbeats — token and session, one
and a batch — through the ORM store, in a subprocess on a fresh SQLite database (the suite itself runs on
PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import datetime as dt, json, uuid
import django
django.setup()
from decimal import Decimal
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from wagtail.models import Page
from accounts.models import User
from cms.models import StudioPage
from learning.models import CoursePage, Enrollment, LessonPage, LessonProgress, PlaybackHeartbeat
from media.models import Video
from organisations.models import Organisation
from studios.models import Studio

org = Organisation.add_root(instance=Organisation(name="郑州市总工会", code="zz", kind="city"))
lead = User.objects.create(username="lead", real_name="王师傅", organisation=org, role="master")
studio = Studio.objects.create(name="演示工作室", slug="demo", lead=lead, organisation=org, industry="manufacturing", level="city")
root = Page.get_first_root_node()
studio_page = root.add_child(instance=StudioPage(title="演示工作室", slug="demo-studio", studio=studio))
course = studio_page.add_child(instance=CoursePage(title="演示课程", slug="demo-course", summary="演示", studio_id=studio.pk, credit_hours=Decimal("1")))
video = Video.objects.create(title="演示视频", status="ready", duration=40.0)
lesson = course.add_child(instance=LessonPage(title="第1课", slug="l1", kind="video", video=video))
worker = User.objects.create(username="worker", real_name="张伟", organisation=org)
Enrollment.objects.create(user=worker, course=course)
token = Token.objects.create(user=worker)
start = timezone.now() - dt.timedelta(minutes=5)

def beat(n):
    return {"id": str(uuid.uuid4()), "lesson": lesson.pk, "sent_at": (start + dt.timedelta(seconds=10 * n)).isoformat(),
            "intervals": [[10 * (n - 1), 10 * n]], "position": 10 * n, "rate": 1, "visibility": "visible"}

phone = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token.key}")
browser = Client(HTTP_HOST="127.0.0.1")
browser.force_login(worker)
again = beat(3)
answers = [phone.post("/api/v1/learning/heartbeats/", beat(1), content_type="application/json"),
           browser.post("/api/v1/learning/heartbeats/", beat(2), content_type="application/json"),
           phone.post("/api/v1/learning/heartbeats/batch/", {"heartbeats": [again, beat(4), again]}, content_type="application/json")]
progress = LessonProgress.objects.get(user=worker, lesson=lesson)
print(json.dumps({"status": [a.status_code for a in answers], "last": answers[-1].json(),
                  "beats": PlaybackHeartbeat.objects.filter(user=worker).count(), "progress": progress.status}))
"""


def test_heartbeats_work_on_the_embedded_sqlite_setup(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL")}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "JIANGLIAN_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == [200, 200, 200], result
    assert result["last"]["lessons"][0]["duplicates"] == 1 and result["last"]["lessons"][0]["played_seconds"] == 40.0
    assert result["beats"] == 4 and result["progress"] == "completed"
