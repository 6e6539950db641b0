"""The catalogue (课程中心) and a course page as they grow, against a bare template render in the same run.

    DATABASE_URL=postgres://… .venv/bin/python bench/course_pages.py [--courses 200] [--lessons 120] [--requests 30]

In a throw-away PostgreSQL database (``<NAME>_bench_course_pages``): a studio, the catalogue, and courses with a
cover image, tags, two instructors and two lessons each. Two sizes of each page are measured:

* catalogue: 12 courses (one page of cards) vs ``--courses`` (first page, and the last page);
* course page: 3 lessons vs ``--lessons`` (video and text lessons in turn);

each for an anonymous visitor and for an enrolled learner whose progress is shown (the learner has started
or completed every lesson of the big course). Every URL is requested ``--requests`` times through Django's
test client after one warm-up request (which creates the cover renditions); the median time and the number
of SQL queries of one more request are printed. Baselines measured the same way in the same run, through the
same middleware, template engine and context processors (bench/course_pages_urls.py):

* ``bare``: a trivial one-paragraph template, no database;
* ``shell``: ``base.html`` with an empty content block (header with the user menu, footer).

Logging is set to WARNING for the whole run (page creation logs a line per page, each request two), the
same for the pages and the baselines. Results go to bench/results/course_pages.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.page_timing import page_timing  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
FEW_COURSES = 12  # one full page of the catalogue
FEW_LESSONS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--courses", type=int, default=200)
    parser.add_argument("--lessons", type=int, default=120)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    if args.courses <= FEW_COURSES or args.lessons <= FEW_LESSONS:
        parser.error(f"--courses must be > {FEW_COURSES} and --lessons > {FEW_LESSONS}")

    import django
    from django.conf import settings

    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-course-pages-")
    django.setup()
    import structlog

    # quiet: page creation logs a line per page, every request two (the same for the baselines)
    logging.disable(logging.INFO)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = "bench.course_pages_urls"
    from django.db import connection
    from django.urls import clear_url_caches

    clear_url_caches()
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{connection.settings_dict['NAME']}_bench_course_pages"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from django.test import Client
        from django.utils import timezone

        from learning import services
        from learning.models import LessonKind, LessonProgress, ProgressStatus
        from organisations.models import OrganisationKind
        from tests.accounts.factories import MasterFactory, UserFactory
        from tests.cms.pages import image_create, site_pages_build, studio_page_create
        from tests.learning.factories import course_create, course_index_create, lesson_create
        from tests.organisations.factories import OrganisationFactory
        from tests.studios.factories import StudioFactory

        city = OrganisationFactory(name="郑州市总工会", code="zz", kind=OrganisationKind.CITY_FEDERATION)
        district = OrganisationFactory(name="金水区总工会", code="jinshui", parent=city)
        enterprise = OrganisationFactory(name="甲企业", code="a1", kind=OrganisationKind.ENTERPRISE, parent=district)
        pages = site_pages_build()
        catalogue = course_index_create(site_pages=pages)
        studio_page = studio_page_create(
            studio=StudioFactory(name="王建军数控加工创新工作室", organisation=enterprise), index=pages["studio_index"]
        )
        instructors = [MasterFactory(organisation=enterprise) for _ in range(2)]
        learner = UserFactory(real_name="张伟", organisation=enterprise)

        def add_courses(count: int, start: int) -> None:
            for n in range(start, start + count):
                course = course_create(
                    studio_page=studio_page, title=f"课程{n}", tags=["安全", f"标签{n % 20}"],
                    trade=("焊工", "电工", "车工")[n % 3],
                )  # fmt: skip
                course.cover = image_create(title=f"封面{n}", width=640, height=360)
                course.instructors.set(instructors)
                course.save()
                lesson_create(course=course, kind=LessonKind.TEXT)
                lesson_create(course=course, duration=600.0)
                if n % 2:
                    services.course_enroll(user=learner, course=course)

        def add_lessons(course, count: int) -> None:  # type: ignore[no-untyped-def]
            for n in range(count):
                lesson = lesson_create(course=course, kind=LessonKind.VIDEO if n % 2 else LessonKind.TEXT, duration=600.0)
                done = n % 3 == 0
                LessonProgress.objects.create(
                    user=learner, lesson=lesson, course=course,
                    status=ProgressStatus.COMPLETED if done else ProgressStatus.IN_PROGRESS,
                    completed_at=timezone.now() if done else None,
                )  # fmt: skip

        big_course = course_create(studio_page=studio_page, title="数控车床安全操作", trade="车工")
        big_course.instructors.set(instructors)
        big_course.save()
        services.course_enroll(user=learner, course=big_course)
        anonymous, enrolled = Client(), Client()
        enrolled.force_login(learner)
        clients = {"anonymous": anonymous, "learner": enrolled}

        results: dict[str, dict[str, float]] = {}

        def measure(label: str, url: str) -> None:
            for who, client in clients.items():
                timing = page_timing(client, url, requests=args.requests)
                results[f"{label} · {who}"] = {"median_ms": round(timing["median_ms"], 2), "queries": timing["queries"]}

        measure("bare template", "/bench/bare/")
        measure("base.html shell", "/bench/shell/")
        add_courses(FEW_COURSES - 1, 0)  # + the big course = one full page
        add_lessons(big_course, FEW_LESSONS)
        measure(f"catalogue {FEW_COURSES} courses", catalogue.url)
        measure(f"course page {FEW_LESSONS} lessons", big_course.url)
        add_courses(args.courses - FEW_COURSES, FEW_COURSES - 1)
        add_lessons(big_course, args.lessons - FEW_LESSONS)
        last = (args.courses + catalogue.specific.per_page - 1) // catalogue.specific.per_page
        measure(f"catalogue {args.courses} courses", catalogue.url)
        measure(f"catalogue {args.courses} courses, last page", f"{catalogue.url}?page={last}")
        measure(f"course page {args.lessons} lessons", big_course.url)

        cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, {args.requests} requests each, "
              f"cache {cache}; median time, SQL queries, and time ÷ the bare template (same client)")  # fmt: skip
        for label, figures in results.items():
            who = label.rsplit(" · ", 1)[1]
            bare = results[f"bare template · {who}"]["median_ms"]
            print(f"  {label:48s} {figures['median_ms']:8.2f} ms {figures['queries']:4d} queries "
                  f"{figures['median_ms'] / bare:6.1f}× bare")  # fmt: skip
        for who in clients:
            catalogue_counts = [results[f"{label} · {who}"]["queries"] for label in (
                f"catalogue {FEW_COURSES} courses", f"catalogue {args.courses} courses",
                f"catalogue {args.courses} courses, last page")]  # fmt: skip
            course_counts = [results[f"course page {n} lessons · {who}"]["queries"] for n in (FEW_LESSONS, args.lessons)]
            for page, counts in (("catalogue", catalogue_counts), ("course page", course_counts)):
                verdict = "independent of size" if len(set(counts)) == 1 else "GROWS with size"
                print(f"  queries, {page} · {who}: {' / '.join(map(str, counts))} → {verdict}")
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        (out / "course_pages.json").write_text(
            json.dumps({"args": vars(args), "results": results}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
