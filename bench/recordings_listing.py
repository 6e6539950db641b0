"""The 讲座与沙龙 listing as it grows: response time and queries of /talks/ with few vs many recordings.

    DATABASE_URL=postgres://… .venv/bin/python bench/recordings_listing.py [--many 150] [--requests 30]

In a throw-away PostgreSQL database (``<NAME>_bench_recordings``): two studios with a recordings index each,
and the site-wide index. Baseline: 12 recordings (one full page of the listing). Then recordings are added
up to ``--many`` (each with 3 speakers, chapters, a ready video). For both sizes it requests the first page,
a filtered page (kind + year) and the last page ``--requests`` times through Django's test client and
prints the median time and the query count. Results go to bench/results/recordings_listing.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.page_timing import page_timing  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
BASELINE = 12


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--many", type=int, default=150)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    import django
    from django.conf import settings

    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-recordings-")
    django.setup()
    settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
    settings.ALLOWED_HOSTS = ["*"]
    from django.db import connection

    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{connection.settings_dict['NAME']}_bench_recordings"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from django.test import Client

        from organisations.models import OrganisationKind
        from recordings.models import RecordingKind
        from tests.accounts.factories import MasterFactory
        from tests.cms.pages import site_pages_build
        from tests.organisations.factories import OrganisationFactory
        from tests.recordings.factories import ready_video_create, recording_create, sections_build

        city = OrganisationFactory(name="郑州市总工会", code="zz", kind=OrganisationKind.CITY_FEDERATION)
        district_a = OrganisationFactory(name="金水区总工会", code="jinshui", parent=city)
        district_b = OrganisationFactory(name="二七区总工会", code="erqi", parent=city)
        org_tree = {
            "city": city, "a": district_a, "b": district_b,
            "a1": OrganisationFactory(name="甲企业", code="a1", kind=OrganisationKind.ENTERPRISE, parent=district_a),
            "b1": OrganisationFactory(name="乙企业", code="b1", kind=OrganisationKind.ENTERPRISE, parent=district_b),
        }  # fmt: skip
        sections = sections_build(site_pages=site_pages_build(), org_tree=org_tree)
        speakers = [MasterFactory(organisation=org_tree["a1"]) for _ in range(3)]
        client = Client()
        urls = {"first page": "/talks/", "filtered": "/talks/?kind=lecture&year=2025"}

        def add(count: int, start: int) -> None:
            for number in range(start, start + count):
                recording_create(
                    index=sections["index_a" if number % 2 else "index_b"],
                    title=f"讲座{number}",
                    slug=f"talk-{number}",
                    kind=RecordingKind.LECTURE if number % 3 else RecordingKind.SALON,
                    held_on=datetime.date(2024 + number % 3, 1 + number % 12, 1 + number % 28),
                    speakers=speakers,
                    chapters=[("00:00", "开场"), ("10:00", "正文"), ("50:00", "问答")],
                    video=ready_video_create(owner=speakers[0], title=f"录像{number}"),
                )

        results: dict[str, dict[str, dict[str, float]]] = {}
        add(BASELINE, 0)
        for size, extra in ((BASELINE, 0), (args.many, args.many - BASELINE)):
            if extra:
                add(extra, BASELINE)
            pages = (size + 11) // 12
            measured = {**urls, "last page": f"/talks/?page={pages}"}
            results[str(size)] = {}
            for label, url in measured.items():
                timing = page_timing(client, url, requests=args.requests)
                results[str(size)][label] = {"median_ms": round(timing["median_ms"], 1), "queries": timing["queries"]}

        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, {args.requests} requests each")
        for label in ("first page", "filtered", "last page"):
            base, many = results[str(BASELINE)][label], results[str(args.many)][label]
            print(f"{label:11s} baseline {BASELINE:4d} recordings: {base['median_ms']:7.1f} ms {base['queries']:3d} queries"
                  f" | {args.many:4d} recordings: {many['median_ms']:7.1f} ms {many['queries']:3d} queries")
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        (out / "recordings_listing.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
