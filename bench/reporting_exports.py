"""学习报表 at city scale: the learners Excel export and the overview for ~5,000 people over ~50 units.

    eval "$(scripts/services.sh env)" && .venv/bin/python bench/reporting_exports.py [--people 5000] [--runs 3]

In a throw-away PostgreSQL database (``<NAME>_bench_reporting``, dropped at the end): 市总工会 → 5 districts →
10 enterprises each; ``--people`` workers spread over the 50 enterprises, 3 enrolments each (every other one
completed), 4 ledger entries each, 10 courses and 5 required courses (3 past due). Measured (median of
``--runs``) with their query counts, as the city's union staff sees them:

* the learners export (selector + openpyxl writer), the same through the web (/reports/export/learners.xlsx),
  and its query alone;
* the overview (per district, and drilled into one district) and the required-courses export;
* baselines in the same run: a bare openpyxl write-only workbook of the same rows from plain Python lists,
  a bare COUNT of the people in scope, and a bare SELECT of their rows without any figures.

Results also go to bench/results/reporting_exports.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def measure(runs: int, action: Callable[[], Any]) -> tuple[float, int]:
    """Median wall time in ms over ``runs`` (after one warm-up) and the queries of one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        action()
    return statistics.median(times) * 1000, len(queries)


def seed(people: int) -> dict[str, Any]:
    from accounts.models import Role, User
    from learning.models import CourseAssignment, Enrollment, LedgerEntry, LedgerKind
    from organisations.models import OrganisationKind
    from tests.cms.pages import site_pages_build
    from tests.learning.factories import course_create, studio_page_for
    from tests.organisations.factories import OrganisationFactory

    city = OrganisationFactory(name="郑州市总工会", code="zz", kind=OrganisationKind.CITY_FEDERATION)
    districts = [OrganisationFactory(name=f"第{d + 1}区总工会", code=f"d{d}", parent=city) for d in range(5)]
    units = [
        OrganisationFactory(name=f"第{d + 1}区企业{e + 1:02d}", code=f"d{d}-e{e}", kind=OrganisationKind.ENTERPRISE,
                            parent=district)
        for d, district in enumerate(districts) for e in range(10)
    ]  # fmt: skip
    staff = User.objects.create(username="city_staff", real_name="市总干部", role=Role.UNION_STAFF, organisation=city)
    studio_page = studio_page_for(site_pages=site_pages_build(), organisation=units[0])
    courses = [course_create(studio_page=studio_page, title=f"课程{n + 1:02d}") for n in range(10)]
    users = User.objects.bulk_create(
        User(username=f"w{n:05d}", real_name=f"职工{n:05d}", employee_number=f"E{n:05d}", mobile=f"137{n:08d}",
             organisation=units[n % len(units)], password="!")
        for n in range(people)
    )  # fmt: skip
    year = dt.date.today().year
    completed_at = dt.datetime(year, 3, 1, 2, tzinfo=dt.UTC)
    Enrollment.objects.bulk_create(
        Enrollment(user=user, course=courses[(n + k) % len(courses)], progress_percent=100 if k % 2 == 0 else 40,
                   completed_at=completed_at if k % 2 == 0 else None,
                   hours_awarded=Decimal("2.0") if k % 2 == 0 else Decimal("0"))
        for n, user in enumerate(users) for k in range(3)
    )  # fmt: skip
    LedgerEntry.objects.bulk_create(
        LedgerEntry(user=user, day=dt.date(year, 1 + k * 2, 1 + n % 28), kind=LedgerKind.COURSE_COMPLETED,
                    points=5, points_requested=5, hours=Decimal("1.5"), course=courses[(n + k) % len(courses)])
        for n, user in enumerate(users) for k in range(4)
    )  # fmt: skip
    today = dt.date.today()
    for n in range(5):
        CourseAssignment.objects.create(
            course=courses[n], organisation=districts[n] if n else city,
            due_on=today - dt.timedelta(days=10) if n < 3 else today + dt.timedelta(days=30),
        )
    district = type(city).objects.get(pk=districts[0].pk)  # re-read: its children were added after it
    return {"staff": User.objects.select_related("organisation").get(pk=staff.pk), "district": district,
            "year": year, "people": people, "units": len(units) + len(districts) + 1}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from openpyxl import Workbook

    from reporting.exports import learners_export, required_export
    from reporting.selectors import (
        ReportFilters,
        learners_report,
        overdue_rows,
        overview_report,
        report_people,
        required_report,
    )

    started = time.perf_counter()
    data = seed(args.people)
    seeded = time.perf_counter() - started
    staff = data["staff"]
    year = data["year"]
    filters = ReportFilters(staff=staff, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    drilled = ReportFilters(staff=staff, start=filters.start, end=filters.end, unit=data["district"])
    rows_out = {"n": 0}

    def learners_xlsx() -> None:
        with tempfile.TemporaryFile() as target:
            learners_export(learners=learners_report(filters=filters), target=target)
            rows_out["size"] = target.tell()

    def required_xlsx() -> None:
        figures = required_report(filters=filters)
        with tempfile.TemporaryFile() as target:
            required_export(figures=figures, overdue=overdue_rows(filters=filters, figures=figures), target=target)

    client = Client()
    client.force_login(staff)

    def learners_web() -> None:
        response = client.get("/reports/export/learners.xlsx")
        assert response.status_code == 200
        b"".join(response.streaming_content)

    plain = [[f"职工{n:05d}", f"w{n:05d}", f"E{n:05d}", f"139{n:08d}", "第1区企业01", 3, 1, Decimal("6.0"), 20]
             for n in range(args.people)]

    def bare_openpyxl() -> None:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("学员学习情况")
        for row in plain:
            sheet.append(row)
        with tempfile.TemporaryFile() as target:
            book.save(target)

    def learners_query() -> None:
        list(learners_report(filters=filters).values_list(
            "real_name", "username", "employee_number", "mobile", "organisation__name", "enrolments", "completed",
            "hours", "points").iterator(chunk_size=2000))

    def bare_count() -> None:
        report_people(filters=filters).count()

    def bare_select() -> None:
        list(report_people(filters=filters).values_list(
            "real_name", "username", "employee_number", "mobile", "organisation__name"))

    measured = {
        "learners export (selector + writer)": learners_xlsx,
        "learners export through the web": learners_web,
        "learners query alone (all rows, no workbook)": learners_query,
        "overview, city (5 districts)": lambda: overview_report(filters=filters),
        "overview, drilled into one district": lambda: overview_report(filters=drilled),
        "required-courses export (overdue sheet)": required_xlsx,
        "baseline: bare openpyxl, same rows from lists": bare_openpyxl,
        "baseline: bare COUNT of the people in scope": bare_count,
        "baseline: bare SELECT of their rows": bare_select,
    }
    results = {label: dict(zip(("median_ms", "queries"), measure(args.runs, action), strict=True))
               for label, action in measured.items()}
    overdue = sum(f.overdue for f in required_report(filters=filters))
    rows_out["n"] = learners_report(filters=filters).count()
    return {"people": data["people"], "units": data["units"], "seed_s": round(seeded, 1), "runs": args.runs,
            "rows_exported": rows_out["n"], "xlsx_bytes": rows_out.get("size"), "overdue_people": overdue,
            "postgres": connection.pg_version, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{connection.settings_dict['NAME']}_bench_reporting"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        report = run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"{report['people']} people over {report['units']} units, seeded in {report['seed_s']} s; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; median of {report['runs']} runs")
    print(f"learners export: {report['rows_exported']} rows, {report['xlsx_bytes'] / 1024:.0f} KiB; "
          f"overdue people in the required export: {report['overdue_people']}")
    for label, figures in report["results"].items():
        print(f"  {label:48s} {figures['median_ms']:9.1f} ms {figures['queries']:4d} queries")
    results = report["results"]
    export = results["learners export (selector + writer)"]["median_ms"]
    writer = results["baseline: bare openpyxl, same rows from lists"]["median_ms"]
    query = results["learners query alone (all rows, no workbook)"]["median_ms"]
    select = results["baseline: bare SELECT of their rows"]["median_ms"]
    print(f"learners export = {export / writer:.2f}× the bare openpyxl write of the same rows; its query = "
          f"{query / select:.1f}× a bare SELECT of the people ({query:.0f} vs {select:.0f} ms)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "reporting_exports.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
