"""Demo loader cost: ``manage.py load_demo_data`` with the courses, lectures, salons and topics vs without them.

    DATABASE_URL=postgres://… .venv/bin/python bench/demo_loader.py [--rounds 3]

Each round loads the demo into an empty throw-away PostgreSQL database (``<NAME>_bench_demo``):
1. baseline: the loader with ``_recordings_ensure``, ``_topics_ensure``, ``courses_ensure`` and
   ``learning_activity_ensure`` switched off (the content the demo had before recordings, topics and courses);
2. no courses: the loader with only the courses (and the demo workers' enrolments) switched off;
3. full: the whole loader;
4. again: the whole loader a second time on the loaded database (idempotent: creates nothing).
Prints the median wall time and query count of each, and writes them to bench/results/demo_loader.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


class _FreshDatabase:
    """A copy of the migrated, empty bench database (PostgreSQL ``CREATE DATABASE … TEMPLATE``)."""

    def __init__(self, suffix: str) -> None:
        from django.db import connection

        self.suffix = suffix
        self.original = dict(connection.settings_dict)
        connection.creation.clone_test_db(suffix=suffix, verbosity=0, keepdb=False)
        self.clone = connection.creation.get_test_db_clone_settings(suffix)

    def __enter__(self) -> None:
        from django.db import connection

        connection.close()
        connection.settings_dict.update(self.clone)

    def __exit__(self, *exc: object) -> None:
        from django.db import connection

        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(self.original)
        connection.creation._destroy_test_db(self.clone["NAME"], verbosity=0)


def _timed_load() -> tuple[float, int]:
    from django.db import connection

    from cms.demo.loader import demo_data_load

    count = 0

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        demo_data_load()
        elapsed = time.perf_counter() - started
    return elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import django
    from django.conf import settings

    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-demo-")
    django.setup()
    settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
    from django.db import connection

    from cms.demo import loader

    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{connection.settings_dict['NAME']}_bench_demo"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    runs: dict[str, list[tuple[float, int]]] = {"baseline": [], "no_courses": [], "full": [], "again": []}
    names = ("_recordings_ensure", "_topics_ensure", "courses_ensure", "learning_activity_ensure")
    originals = {name: getattr(loader, name) for name in names}
    switched_off = {
        "_recordings_ensure": lambda **kwargs: {},
        "_topics_ensure": lambda **kwargs: None,
        "courses_ensure": lambda **kwargs: {},
        "learning_activity_ensure": lambda **kwargs: None,
    }

    def switch_off(*which: str) -> None:
        for name in which:
            setattr(loader, name, switched_off[name])

    def restore() -> None:
        for name, function in originals.items():
            setattr(loader, name, function)

    try:
        for number in range(args.rounds):
            with _FreshDatabase(f"b{number}"):
                switch_off(*names)
                runs["baseline"].append(_timed_load())
                restore()
            with _FreshDatabase(f"n{number}"):
                # topics list courses: without the courses they are left out as well
                switch_off("courses_ensure", "learning_activity_ensure", "_topics_ensure")
                runs["no_courses"].append(_timed_load())
                restore()
            with _FreshDatabase(f"f{number}"):
                runs["full"].append(_timed_load())
                runs["again"].append(_timed_load())
    finally:
        restore()
        connection.creation.destroy_test_db(old_name, verbosity=0)

    summary = {
        name: {"seconds": round(statistics.median(t for t, _q in values), 2), "queries": values[-1][1]}
        for name, values in runs.items()
    }
    load = os.getloadavg()[0]
    print(f"{args.rounds} rounds, {os.cpu_count()} CPUs, load average {load:.1f}")
    labels = {
        "baseline": "baseline (no recordings/topics/courses)",
        "no_courses": "no courses (nor topics)",
        "full": "full loader",
        "again": "second load (creates nothing)",
    }
    for name, label in labels.items():
        print(f"{label + ':':41s}{summary[name]['seconds']:6.2f} s  {summary[name]['queries']:5d} queries")
    print(f"ratio full / baseline: {summary['full']['seconds'] / summary['baseline']['seconds']:.2f}x")
    print(f"ratio full / no courses: {summary['full']['seconds'] / summary['no_courses']['seconds']:.2f}x")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "demo_loader.json").write_text(
        json.dumps({"cpus": os.cpu_count(), "load_average": round(load, 1), **summary}, indent=2) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
