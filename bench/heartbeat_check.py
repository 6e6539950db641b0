"""Correctness part of bench/heartbeat.py: 200 concurrent clients, nothing lost, nothing counted twice.

100 learners × 2 devices (one per lesson) play at the same time, K heartbeats each, 10 s apart, every heartbeat
sent twice (a client retrying after a lost reply). Afterwards every learner must have exactly 2×K heartbeat
rows, K×10 s of credited time, K×10 s of study time in the daily ledger and K×10 s of coverage over the two
lessons: the two devices earn once, no retry counts twice, no concurrent request is lost.
"""

from __future__ import annotations

if __name__ == "__main__":  # `make bench` runs every bench/*.py: this one is a part of bench/heartbeat.py
    print("bench/heartbeat_check.py is a part of bench/heartbeat.py; nothing to run.")
    raise SystemExit(0)

import datetime as dt
import http.client
import json
import subprocess
import sys
import threading
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORRECTNESS_USERS = 100
CORRECTNESS_BEATS = 15
PATH = "/api/v1/learning/heartbeats/"


def _beat(lesson: int, at: dt.datetime, start: float, device: str) -> dict:
    return {
        "id": str(uuid.uuid4()), "lesson": lesson, "sent_at": at.isoformat(), "intervals": [[start, start + 10.0]],
        "position": start + 10.0, "rate": 1.0, "visibility": "visible", "device": device,
    }


def _device(port: int, token: str, lesson: int, device: str, base: dt.datetime, barrier, results: list) -> None:  # type: ignore[no-untyped-def]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json", "Authorization": f"Token {token}"}
    beats = [_beat(lesson, base + dt.timedelta(seconds=10 * (k + 1)), 10.0 * k, device) for k in range(CORRECTNESS_BEATS)]
    barrier.wait()
    statuses = []
    for payload in beats + beats:  # every heartbeat twice: a client retrying after a lost reply
        try:
            conn.request("POST", PATH, body=json.dumps(payload), headers=headers)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
        except (OSError, http.client.HTTPException):
            statuses.append(0)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    results.append(statuses)


CHECK = r"""
import json, django
django.setup()
from django.db.models import Count, Sum
from learning.models import DailyStudy, LessonProgress, PlaybackHeartbeat
users = __USERS__
rows = dict(PlaybackHeartbeat.objects.filter(user_id__in=users).values_list("user_id").annotate(n=Count("pk")))
credited = dict(PlaybackHeartbeat.objects.filter(user_id__in=users).values_list("user_id").annotate(s=Sum("credited_seconds")))
daily = dict(DailyStudy.objects.filter(user_id__in=users).values_list("user_id").annotate(s=Sum("seconds")))
coverage = dict(LessonProgress.objects.filter(user_id__in=users).values_list("user_id").annotate(s=Sum("played_seconds")))
print(json.dumps({str(u): [rows.get(u, 0), credited.get(u, 0), daily.get(u, 0), coverage.get(u, 0)] for u in users}))
"""


def correctness(port: int, seed_data: dict, env: dict[str, str], *, skip: int) -> dict:
    """Run the 200 clients (learners after the first ``skip`` ones) and check what the database holds."""
    tokens = seed_data["tokens"][skip : skip + CORRECTNESS_USERS]
    users = seed_data["users"][skip : skip + CORRECTNESS_USERS]
    lessons = seed_data["lessons"]
    base = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30)
    barrier = threading.Barrier(2 * len(tokens))
    results: list = []
    threads = [
        threading.Thread(target=_device, args=(port, token, lessons[d], f"device-{d}", base, barrier, results))
        for token in tokens for d in (0, 1)
    ]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    non_200 = sum(1 for statuses in results for s in statuses if s != 200)
    code = CHECK.replace("__USERS__", json.dumps(users))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    per_user = json.loads(out.stdout.strip().splitlines()[-1])
    expected_rows, expected_seconds = 2 * CORRECTNESS_BEATS, 10.0 * CORRECTNESS_BEATS
    wrong = {
        user: values for user, values in per_user.items()
        if values[0] != expected_rows or any(abs(v - expected_seconds) > 1e-3 for v in values[1:])
    }  # fmt: skip
    return {
        "clients": len(threads), "learners": len(tokens), "requests": sum(len(s) for s in results),
        "non_200": non_200, "expected_rows_per_learner": expected_rows, "expected_seconds_per_learner": expected_seconds,
        "learners_wrong": len(wrong), "examples_wrong": dict(list(wrong.items())[:5]),
    }  # fmt: skip
