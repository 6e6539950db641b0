"""The catalogue and the course page run the same number of SQL queries whatever the number of courses or
lessons — for an anonymous visitor and for an enrolled learner whose progress is shown.

Every course has a cover image, tags and instructors; the rendition cache is a dummy one, so the cover
renditions are looked up in the database (a cold cache after a deploy or an eviction), which is when an
N+1 on the covers would show.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning import services
from learning.models import CoursePage, LessonKind, LessonProgress, ProgressStatus
from tests.accounts.factories import MasterFactory
from tests.cms.pages import image_create
from tests.learning.factories import course_create, course_index_create, lesson_create

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30
WHO = ["anonymous", "learner"]


@pytest.fixture(autouse=True)
def cold_renditions(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }


@pytest.fixture
def course_index(site_pages):  # type: ignore[no-untyped-def]
    return course_index_create(site_pages=site_pages)


@pytest.fixture
def instructors(org_tree):  # type: ignore[no-untyped-def]
    return [MasterFactory(organisation=org_tree["a1"]) for _ in range(2)]


def _queries(client, url: str):  # type: ignore[no-untyped-def]
    """Queries of the second request (the first one creates the cover renditions)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode(), captured


def _courses(*, studio_page, count: int, instructors, learner=None) -> list[CoursePage]:  # type: ignore[no-untyped-def]
    courses = []
    for n in range(count):
        course = course_create(studio_page=studio_page, tags=["安全", f"标签{n}"], trade="焊工" if n % 2 else "电工")
        course.cover = image_create(title=f"封面{n}")
        course.instructors.set(instructors)
        course.save()
        lesson_create(course=course, kind=LessonKind.TEXT)
        lesson_create(course=course, duration=60.0)
        if learner is not None:
            services.course_enroll(user=learner, course=course)
        courses.append(course)
    return courses


def _lessons(*, course: CoursePage, count: int, learner=None) -> None:  # type: ignore[no-untyped-def]
    """Video and text lessons in turn; the learner has completed some and started the others."""
    for n in range(count):
        kind = LessonKind.VIDEO if n % 2 else LessonKind.TEXT
        lesson = lesson_create(course=course, kind=kind, duration=60.0)
        if learner is not None:
            LessonProgress.objects.create(
                user=learner, lesson=lesson, course=course,
                status=ProgressStatus.COMPLETED if n % 3 == 0 else ProgressStatus.IN_PROGRESS,
                completed_at=timezone.now() if n % 3 == 0 else None,
            )  # fmt: skip


@pytest.mark.parametrize("who", WHO)
def test_catalogue_queries_do_not_grow_with_courses(client, who, learner, course_index, studio_page, instructors):  # type: ignore[no-untyped-def]
    enrolled = learner if who == "learner" else None
    if enrolled is not None:
        client.force_login(learner)
    _courses(studio_page=studio_page, count=FEW, instructors=instructors, learner=enrolled)
    few, page, _captured = _queries(client, course_index.url)
    assert page.count('data-testid="course-card"') == FEW and page.count("<img") >= FEW

    _courses(studio_page=studio_page, count=MANY - FEW, instructors=instructors, learner=enrolled)
    many, page, captured = _queries(client, course_index.url)
    assert page.count('data-testid="course-card"') == course_index.specific.per_page
    assert f"共 {MANY} 门课程" in page
    assert many == few, "\n".join(q["sql"] for q in captured.captured_queries)
    last, page, _captured = _queries(client, f"{course_index.url}?page=3")
    assert page.count('data-testid="course-card"') == MANY - 2 * course_index.specific.per_page
    assert last == few


@pytest.mark.parametrize("who", WHO)
def test_course_page_queries_do_not_grow_with_lessons(client, who, learner, course, instructors):  # type: ignore[no-untyped-def]
    enrolled = learner if who == "learner" else None
    course.cover = image_create(title="封面")
    course.instructors.set(instructors)
    course.save()
    if enrolled is not None:
        client.force_login(learner)
        services.course_enroll(user=learner, course=course)
    _lessons(course=course, count=FEW, learner=enrolled)
    few, page, _captured = _queries(client, course.url)
    assert page.count('class="lesson-item') == FEW

    _lessons(course=course, count=MANY - FEW, learner=enrolled)
    many, page, captured = _queries(client, course.url)
    assert page.count('class="lesson-item') == MANY
    if enrolled is not None:  # the learner's progress is on the page
        assert page.count("lesson-item is-done") == MANY // 3
        assert 'data-testid="course-percent"' in page
    assert many == few, "\n".join(q["sql"] for q in captured.captured_queries)
