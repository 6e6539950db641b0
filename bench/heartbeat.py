"""Heartbeat endpoint under concurrent load, against a bare Django JSON view in the same run.

    .venv/bin/python bench/heartbeat.py [--seconds 15] [--concurrency 32] [--workers N] [--threads 4]

What it does, all on real services (PostgreSQL from DATABASE_URL, gunicorn, real HTTP):

1. creates a fresh database (BENCH_DB_NAME, default ``bench_jianglian_heartbeat``), migrates it and seeds one
   course with two 2-hour video lessons and 600 enrolled learners with API tokens;
2. starts gunicorn (gthread) on the project's WSGI app with bench/heartbeat_settings.py, which adds
   ``/bench/bare/`` — a plain Django JSON view through the same middleware — and nothing else;
3. baseline: POSTs the same JSON body to /bench/bare/ for ``--seconds`` with ``--concurrency`` keep-alive
   clients (threads in several processes); then the same load on /api/v1/learning/heartbeats/ with
   token-authenticated learners (one learner per client, client timestamps 10 s apart);
4. correctness: 200 concurrent clients = 100 learners × 2 devices playing at the same time, every heartbeat
   sent twice; afterwards every learner must have exactly 2×K heartbeat rows, K×10 s of study time and
   K×10 s of coverage across the two lessons (earned once, never lost, never doubled).

Prints requests/s, latency percentiles, the ratio to the baseline, the goals (≥ 50 % of bare and
≥ 1,000 req/s) and the correctness check; writes bench/results/heartbeat.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing as mp
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DB_URL = "postgres://jianglian:jianglian@127.0.0.1:55432/jianglian"
SETTINGS = "bench.heartbeat_settings"
DURATION = 7200.0
THROUGHPUT_USERS = 400
CORRECTNESS_USERS = 100
CORRECTNESS_BEATS = 15


def db_urls() -> tuple[str, str, str]:
    base = os.environ.get("DATABASE_URL", DEFAULT_DB_URL)
    name = os.environ.get("BENCH_DB_NAME", "bench_jianglian_heartbeat")
    parts = urlsplit(base)
    return base, urlunsplit(parts._replace(path=f"/{name}")), name


def database_recreate() -> str:
    import psycopg

    base, bench_url, name = db_urls()
    with psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return bench_url


def env_for(bench_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=bench_url, DJANGO_SETTINGS_MODULE=SETTINGS, PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING")
    for name in ("REDIS_URL", "ELASTICSEARCH_URL"):
        env.pop(name, None)  # the heartbeat path uses neither; keep the comparison about Django + PostgreSQL
    env["CELERY_BROKER_URL"] = "memory://"
    return env


SEED = r"""
import json, django
django.setup()
from decimal import Decimal
from django.utils import timezone
from rest_framework.authtoken.models import Token
from wagtail.models import Page, Locale
from accounts.models import User
from organisations.models import Organisation
from studios.models import Studio
from cms.models import StudioPage
from learning.models import CoursePage, LessonPage, Enrollment
from media.models import Video

org = Organisation.add_root(instance=Organisation(name="郑州市总工会", code="zz", kind="city"))
lead = User.objects.create(username="lead", real_name="王师傅", organisation=org, role="master")
studio = Studio.objects.create(name="压测工作室", slug="bench", lead=lead, organisation=org, industry="manufacturing", level="city")
Locale.objects.get_or_create(language_code="zh-hans")
root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
studio_page = root.add_child(instance=StudioPage(title="压测工作室", slug="bench-studio", studio=studio))
course = studio_page.add_child(instance=CoursePage(title="压测课程", slug="bench-course", summary="压测", studio_id=studio.pk, credit_hours=Decimal("2")))
lessons = []
for i in range(2):
    video = Video.objects.create(title=f"压测视频{i}", status="ready", duration=%(duration)s)
    lessons.append(course.add_child(instance=LessonPage(title=f"第{i+1}课", slug=f"l{i}", kind="video", video=video)).pk)
users = User.objects.bulk_create([User(username=f"bench{i}", real_name=f"学员{i}", organisation=org) for i in range(%(users)s)])
Enrollment.objects.bulk_create([Enrollment(user=u, course=course) for u in users])
tokens = Token.objects.bulk_create([Token(user=u, key=Token.generate_key()) for u in users])
print(json.dumps({"lessons": lessons, "tokens": [t.key for t in tokens], "users": [u.pk for u in users]}))
"""


def seed(env: dict[str, str]) -> dict:
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    code = SEED % {"duration": DURATION, "users": THROUGHPUT_USERS + CORRECTNESS_USERS}
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def server_start(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).with_name("gunicorn"))
    proc = subprocess.Popen(
        [gunicorn, "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", str(workers), "-k", "gthread",
         "--threads", str(threads), "--keep-alive", "30", "--backlog", "2048", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


# --- load generation ---------------------------------------------------------------------------------


def _beat(lesson: int, at: dt.datetime, start: float, device: str = "bench") -> dict:
    return {
        "id": str(uuid.uuid4()), "lesson": lesson, "sent_at": at.isoformat(), "intervals": [[start, start + 10.0]],
        "position": start + 10.0, "rate": 1.0, "visibility": "visible", "device": device,
    }


def _client_loop(port: int, path: str, token: str | None, lesson: int, deadline: float, out: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    clock = dt.datetime.now(dt.UTC) - dt.timedelta(hours=5)
    n = 0
    latencies: list[float] = []
    errors = 0
    while time.perf_counter() < deadline:
        clock += dt.timedelta(seconds=10)
        body = json.dumps(_beat(lesson, clock, (n * 10.0) % (DURATION - 10)))
        n += 1
        started = time.perf_counter()
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append(time.perf_counter() - started)
        errors += 0 if ok else 1
    out.append((latencies, errors))


def _process(port: int, path: str, tokens: list[str | None], lesson: int, start_at: float, seconds: float, queue) -> None:  # type: ignore[no-untyped-def]
    while time.time() < start_at:
        time.sleep(0.005)
    deadline = time.perf_counter() + seconds
    out: list = []
    threads = [threading.Thread(target=_client_loop, args=(port, path, t, lesson, deadline, out)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(([x for lat, _e in out for x in lat], sum(e for _l, e in out)))


def load(port: int, path: str, tokens: list[str | None], lesson: int, seconds: float, processes: int) -> dict:
    queue: mp.Queue = mp.Queue()
    start_at = time.time() + 1.0
    chunks = [tokens[i::processes] for i in range(processes)]
    procs = [mp.Process(target=_process, args=(port, path, chunk, lesson, start_at, seconds, queue)) for chunk in chunks if chunk]
    for proc in procs:
        proc.start()
    latencies: list[float] = []
    errors = 0
    for _ in procs:
        lat, err = queue.get()
        latencies += lat
        errors += err
    for proc in procs:
        proc.join()
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count, "errors": errors, "seconds": seconds, "rps": round((count - errors) / seconds, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(1000 * latencies[int(0.99 * (count - 1))], 1) if latencies else None,
    }


# --- correctness -----------------------------------------------------------------------------------------


def _device(port: int, token: str, lesson: int, device: str, base: dt.datetime, barrier, results: list) -> None:  # type: ignore[no-untyped-def]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json", "Authorization": f"Token {token}"}
    beats = [_beat(lesson, base + dt.timedelta(seconds=10 * (k + 1)), 10.0 * k, device) for k in range(CORRECTNESS_BEATS)]
    barrier.wait()
    statuses = []
    for payload in beats + beats:  # every heartbeat twice: a client retrying after a lost reply
        conn.request("POST", "/api/v1/learning/heartbeats/", body=json.dumps(payload), headers=headers)
        response = conn.getresponse()
        response.read()
        statuses.append(response.status)
    results.append(statuses)


def correctness(port: int, seed_data: dict, env: dict[str, str]) -> dict:
    tokens = seed_data["tokens"][THROUGHPUT_USERS:]
    users = seed_data["users"][THROUGHPUT_USERS:]
    lessons = seed_data["lessons"]
    base = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    barrier = threading.Barrier(2 * len(tokens))
    results: list = []
    threads = [
        threading.Thread(target=_device, args=(port, token, lessons[d], f"device-{d}", base, barrier, results))
        for token in tokens for d in (0, 1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    non_200 = sum(1 for statuses in results for s in statuses if s != 200)
    check = r"""
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
""".replace("__USERS__", json.dumps(users))
    out = subprocess.run([PYTHON, "-c", check], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    per_user = json.loads(out.stdout.strip().splitlines()[-1])
    expected_rows, expected_seconds = 2 * CORRECTNESS_BEATS, 10.0 * CORRECTNESS_BEATS
    wrong = {
        user: values for user, values in per_user.items()
        if values[0] != expected_rows or any(abs(v - expected_seconds) > 1e-3 for v in values[1:])
    }
    return {
        "clients": len(threads), "learners": len(tokens), "requests": sum(len(s) for s in results),
        "non_200": non_200, "expected_rows_per_learner": expected_rows, "expected_seconds_per_learner": expected_seconds,
        "learners_wrong": len(wrong), "examples_wrong": dict(list(wrong.items())[:5]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--processes", type=int, default=4, help="load-generator processes")
    parser.add_argument("--port", type=int, default=18731)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} CPUs; server: gunicorn gthread {args.workers} workers × {args.threads} threads; "
          f"load: {args.concurrency} keep-alive clients in {args.processes} processes on the same machine")
    bench_url = database_recreate()
    env = env_for(bench_url)
    seed_data = seed(env)
    server = server_start(env, args.port, args.workers, args.threads)
    try:
        tokens = seed_data["tokens"][: args.concurrency]
        lesson = seed_data["lessons"][0]
        load(args.port, "/bench/bare/", [None] * args.concurrency, lesson, 3, args.processes)  # warm-up
        bare = load(args.port, "/bench/bare/", [None] * args.concurrency, lesson, args.seconds, args.processes)
        load(args.port, "/api/v1/learning/heartbeats/", seed_data["tokens"][args.concurrency: 2 * args.concurrency], lesson, 3, args.processes)
        beat = load(args.port, "/api/v1/learning/heartbeats/", tokens, lesson, args.seconds, args.processes)
        check = correctness(args.port, seed_data, env)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if not args.keep_db:
            import psycopg

            base, _url, name = db_urls()
            with psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    ratio = beat["rps"] / bare["rps"] if bare["rps"] else 0.0
    print(f"baseline  bare Django JSON view  : {bare['rps']:>8} req/s  p50 {bare['p50_ms']} ms  p99 {bare['p99_ms']} ms  errors {bare['errors']}")
    print(f"heartbeat /api/v1/learning/heartbeats/: {beat['rps']:>8} req/s  p50 {beat['p50_ms']} ms  p99 {beat['p99_ms']} ms  errors {beat['errors']}")
    print(f"heartbeat / bare = {ratio:.0%}  (goal ≥ 50 %: {'met' if ratio >= 0.5 else 'NOT met'}; "
          f"goal ≥ 1,000 req/s: {'met' if beat['rps'] >= 1000 else 'NOT met'})")
    ok = check["non_200"] == 0 and check["learners_wrong"] == 0
    print(f"correctness: {check['clients']} concurrent clients ({check['learners']} learners × 2 devices, every heartbeat "
          f"sent twice), {check['requests']} requests, non-200: {check['non_200']}, learners with lost or double-counted "
          f"progress: {check['learners_wrong']} → {'OK' if ok else 'FAILED'}")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "heartbeat.json").write_text(
        json.dumps({"args": vars(args), "bare": bare, "heartbeat": beat, "ratio": ratio, "correctness": check}, indent=2)
    )
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
