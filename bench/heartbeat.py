"""Heartbeat endpoint under concurrent load, against a bare Django JSON view in the same run.

    .venv/bin/python bench/heartbeat.py [--seconds 10] [--rounds 2] [--connections 64] [--workers 3] [--threads 1]

What it does, all on real services (the PostgreSQL server of DATABASE_URL, gunicorn, real HTTP, wrk):

1. creates a fresh database on that server (BENCH_DB_NAME, default ``bench_jianglian_heartbeat``), migrates it
   and seeds one course with two 2-hour video lessons and 1,100 enrolled learners with API tokens;
2. starts gunicorn on the project's WSGI app (config/wsgi.py: Django with the heartbeat's lane in front,
   config/wsgi_lane.py) with bench/heartbeat_settings.py (the production settings), which adds three reference
   views: ``/api/v1/bench/bare/`` — a plain Django JSON view through Django's whole middleware stack, the
   baseline; ``/api/v1/bench/drf/`` — the heartbeat view's framework part only (DRF, token auth, body reading,
   answer); ``/api/v1/bench/heartbeat-in-django/`` — the heartbeat's DRF view at another address, so the
   same heartbeats are recorded through Django and DRF instead of the lane (what the lane saves);
3. load with wrk (C, so the generator does not eat the server's CPU) and bench/heartbeat.lua: ``--connections``
   keep-alive connections POST heartbeats (fresh UUID, token of one of 1,000 learners in turn, learner clocks
   10 s apart, 10 s of video played each time); the same requests go to the reference views. After a
   warm-up of each, the four take turns ``--rounds`` times (the machine is shared); medians are compared;
4. correctness: 200 concurrent clients = 100 learners × 2 devices playing at the same time, every heartbeat
   sent twice; afterwards every learner must have exactly 2×K heartbeat rows, K×10 s of study time and
   K×10 s of coverage across the two lessons (earned once, never lost, never doubled).

Prints requests/s, latency percentiles, the ratio to the baseline, the goals (≥ 50 % of bare and
≥ 1,000 req/s) and the correctness check; writes bench/results/heartbeat.json. Needs ``wrk`` (apt).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.heartbeat_check import CORRECTNESS_USERS, correctness  # noqa: E402

PYTHON = sys.executable
DEFAULT_DB_URL = "postgres://jianglian:jianglian@127.0.0.1:25432/jianglian"
SETTINGS = "bench.heartbeat_settings"
LUA = ROOT / "bench" / "heartbeat.lua"
BARE = "/api/v1/bench/bare/"
DRF = "/api/v1/bench/drf/"
HEARTBEAT = "/api/v1/learning/heartbeats/"
IN_DJANGO = "/api/v1/bench/heartbeat-in-django/"
DURATION = 7200.0
THROUGHPUT_USERS = 1000
GOAL_RATIO, GOAL_RPS = 0.5, 1000.0


def db_urls() -> tuple[str, str, str]:
    base = os.environ.get("DATABASE_URL", DEFAULT_DB_URL)
    name = os.environ.get("BENCH_DB_NAME", "bench_jianglian_heartbeat")
    parts = urlsplit(base)
    return base, urlunsplit(parts._replace(path=f"/{name}")), name


def _admin_connect():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(db_urls()[0].replace("postgres://", "postgresql://"), autocommit=True)


def database_recreate() -> tuple[str, dict[str, str]]:
    """The bench database, new; and the server settings that matter for write throughput (printed)."""
    _base, bench_url, name = db_urls()
    with _admin_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
        rows = conn.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit')"
        ).fetchall()
    return bench_url, dict(rows)


def database_drop() -> None:
    with _admin_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_urls()[2]}" WITH (FORCE)')


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


def server_start(env: dict[str, str], args: argparse.Namespace) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).with_name("gunicorn"))
    worker = ["-k", "gthread", "--threads", str(args.threads)] if args.threads > 1 else ["-k", "sync"]
    proc = subprocess.Popen(
        [gunicorn, "config.wsgi:application", "-b", f"127.0.0.1:{args.port}", "-w", str(args.workers), *worker,
         "--keep-alive", "30", "--backlog", "2048", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process used so far; 0 if it is gone or unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_snapshot(server: subprocess.Popen) -> dict[str, dict[int, float]]:
    """CPU used so far by the gunicorn processes and by the PostgreSQL backends of the bench database."""
    workers = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) == server.pid:
                    workers[int(entry.name)] = _cpu(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    with _admin_connect() as conn:
        pids = [row[0] for row in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [db_urls()[2]])]
    return {"gunicorn": workers, "postgresql": {pid: _cpu(pid) for pid in pids}}


def _cpu_ms_per_request(before: dict, after: dict, requests: int) -> dict[str, float]:
    used = {
        side: sum(after[side].get(pid, 0.0) - before[side].get(pid, 0.0) for pid in after[side]) for side in after
    }
    return {f"{side}_cpu_ms": round(1000 * seconds / max(requests, 1), 3) for side, seconds in used.items()}


def wrk(args: argparse.Namespace, path: str, tokens_file: Path, lesson: int, start: dt.datetime, seconds: float) -> dict:
    """One wrk run; requests/s counts only 2xx answers. Also the server's CPU per request (gunicorn workers and
    PostgreSQL backends): on a shared machine req/s depends on the CPU others leave, CPU per request does not."""
    before = cpu_snapshot(args.server)
    command = [
        args.wrk, f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{seconds:g}s", "--timeout", "10s",
        "-s", str(LUA), f"http://127.0.0.1:{args.port}{path}", "--",
        str(tokens_file), str(lesson), str(int(start.timestamp())), str(args.wrk_threads),
    ]  # fmt: skip
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    raw = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    elapsed = raw["duration_us"] / 1e6
    cpu = _cpu_ms_per_request(before, cpu_snapshot(args.server), raw["requests"])
    return cpu | {
        "requests": raw["requests"], "errors": errors, "non_2xx": raw["status"], "seconds": round(elapsed, 2),
        "rps": round((raw["requests"] - errors) / elapsed, 1),
        "p50_ms": raw["p50_us"] / 1000, "p90_ms": raw["p90_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
    }  # fmt: skip


def _line(label: str, r: dict) -> str:
    return (f"{label:<44} {r['rps']:>8.1f} req/s  p50 {r['p50_ms']:.1f} ms  p90 {r['p90_ms']:.1f} ms  "
            f"p99 {r['p99_ms']:.1f} ms  errors {r['errors']}  CPU/request: gunicorn {r['gunicorn_cpu_ms']:.2f} ms "
            f"+ PostgreSQL {r['postgresql_cpu_ms']:.2f} ms")


def _median(runs: list[dict]) -> dict:
    keys = ("rps", "p50_ms", "p90_ms", "p99_ms", "gunicorn_cpu_ms", "postgresql_cpu_ms")
    return {k: round(statistics.median(r[k] for r in runs), 2) for k in keys} | {"errors": sum(r["errors"] for r in runs)}


LABELS = {
    BARE: "bare Django JSON view", DRF: "DRF + token auth, no work", IN_DJANGO: "heartbeat in Django (no lane)",
    HEARTBEAT: "heartbeat",
}  # fmt: skip


def measure(args: argparse.Namespace, seed_data: dict) -> dict[str, list[dict]]:
    """Warm-up, then the endpoints in turn, ``--rounds`` times; each run's learners start 2 h after the previous
    run's, so every run earns fresh study time (no overlap with earlier windows)."""
    lesson = seed_data["lessons"][0]
    now = dt.datetime.now(dt.UTC)
    runs: dict[str, list[dict]] = {path: [] for path in LABELS}
    with tempfile.TemporaryDirectory() as tmp:
        tokens_file = Path(tmp) / "tokens.txt"
        tokens_file.write_text("\n".join(seed_data["tokens"][:THROUGHPUT_USERS]) + "\n")
        count = (args.rounds + 1) * len(LABELS)
        starts = iter(now - dt.timedelta(hours=2 * (count - i)) for i in range(count))
        for path in LABELS:
            wrk(args, path, tokens_file, lesson, next(starts), 3)
        for i in range(1, args.rounds + 1):
            for path, label in LABELS.items():
                runs[path].append(wrk(args, path, tokens_file, lesson, next(starts), args.seconds))
                print(_line(f"round {i}: {label}", runs[path][-1]), flush=True)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per measured wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="turns of the four endpoints")
    parser.add_argument("--connections", type=int, default=64, help="wrk keep-alive connections")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (PostgreSQL shares the CPUs)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (> 1: gthread; 1: sync)")
    parser.add_argument("--port", type=int, default=18731)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    args.wrk = shutil.which("wrk")
    if not args.wrk:
        raise SystemExit("bench/heartbeat.py needs wrk (Debian: apt-get install wrk, or scripts/services.sh install)")
    if THROUGHPUT_USERS < 4 * args.connections:
        raise SystemExit(f"--connections at most {THROUGHPUT_USERS // 4}: every request in flight needs its own learner")

    kind = f"gthread {args.workers} workers × {args.threads} threads" if args.threads > 1 else f"sync {args.workers} workers"
    load1, load5, _load15 = os.getloadavg()
    bench_url, pg = database_recreate()
    print(f"machine: {os.cpu_count()} CPUs, shared (load average {load1:.1f} / {load5:.1f} at start); "
          f"PostgreSQL {pg.get('server_version')} (fsync={pg.get('fsync')}, synchronous_commit={pg.get('synchronous_commit')})")
    print(f"server: gunicorn {kind}, CONN_MAX_AGE=600; load: wrk {args.wrk_threads} threads, "
          f"{args.connections} keep-alive connections, {args.rounds} × {args.seconds:g} s per endpoint", flush=True)
    env = env_for(bench_url)
    seed_data = seed(env)
    server = args.server = server_start(env, args)
    try:
        runs = measure(args, seed_data)
        check = correctness(args.port, seed_data, env, skip=THROUGHPUT_USERS)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if not args.keep_db:
            database_drop()
    bare, drf, beat = _median(runs[BARE]), _median(runs[DRF]), _median(runs[HEARTBEAT])
    in_django = _median(runs[IN_DJANGO])
    ratio = beat["rps"] / bare["rps"] if bare["rps"] else 0.0
    print(_line("median: baseline, bare Django JSON view", bare))
    print(_line("median: DRF + token auth, no work", drf) + f"  ({drf['rps'] / bare['rps']:.0%} of bare)")
    print(_line("median: heartbeat in Django (no lane)", in_django) + f"  ({in_django['rps'] / bare['rps']:.0%} of bare)")
    print(_line(f"median: heartbeat {HEARTBEAT}", beat))
    print(f"heartbeat / bare = {ratio:.0%}  (goal ≥ 50 %: {'met' if ratio >= GOAL_RATIO else 'NOT met'}; "
          f"goal ≥ 1,000 req/s: {'met' if beat['rps'] >= GOAL_RPS else 'NOT met'})")
    ok = check["non_200"] == 0 and check["learners_wrong"] == 0
    print(f"correctness: {check['clients']} concurrent clients ({check['learners']} learners × 2 devices, every heartbeat "
          f"sent twice), {check['requests']} requests, non-200: {check['non_200']}, learners with lost or double-counted "
          f"progress: {check['learners_wrong']} → {'OK' if ok else 'FAILED'}")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "heartbeat.json").write_text(json.dumps({
        "args": {k: v for k, v in vars(args).items() if k not in ("wrk", "server")}, "postgresql": pg,
        "load_average_at_start": [load1, load5], "bare_runs": runs[BARE], "drf_runs": runs[DRF],
        "heartbeat_runs": runs[HEARTBEAT], "in_django_runs": runs[IN_DJANGO], "bare": bare, "in_django": in_django, "drf_only": drf, "heartbeat": beat, "ratio": round(ratio, 3),
        "goals": {"ratio": GOAL_RATIO, "rps": GOAL_RPS}, "correctness": check,
    }, indent=2))  # fmt: skip
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
