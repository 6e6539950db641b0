"""Catalogue, course, lesson and “我的学习” pages: rendering, permissions, and a query count of 我的学习
that does not grow with the number of courses (catalogue and course page: test_page_queries.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from learning import services
from tests.learning.factories import course_create, course_index_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_index(site_pages):  # type: ignore[no-untyped-def]
    return course_index_create(site_pages=site_pages)


def _catalogue(client, course_index, query: str = ""):  # type: ignore[no-untyped-def]
    response = client.get(course_index.url + query)
    assert response.status_code == 200
    return response


def test_catalogue_filters(client, course_index, studio_page):  # type: ignore[no-untyped-def]
    welding = course_create(studio_page=studio_page, title="氩弧焊", trade="焊工", level="advanced", tags=["焊接"])
    course_create(studio_page=studio_page, title="低压电工", trade="电工", level="beginner", tags=["电气"])
    page = _catalogue(client, course_index, "?trade=焊工").content.decode()
    assert "氩弧焊" in page and "低压电工" not in page
    page = _catalogue(client, course_index, "?level=beginner").content.decode()
    assert "低压电工" in page and "氩弧焊" not in page
    page = _catalogue(client, course_index, f"?tag={welding.tags.get().slug}").content.decode()
    assert "氩弧焊" in page and "低压电工" not in page
    page = _catalogue(client, course_index, f"?studio={studio_page.studio.slug}").content.decode()
    assert "氩弧焊" in page and "低压电工" in page
    page = _catalogue(client, course_index, "?studio=nope").content.decode()
    assert "没有符合条件的课程" in page


def test_lesson_page_requires_enrolment_to_play(client, learner, course, video_lesson):  # type: ignore[no-untyped-def]
    client.force_login(learner)
    page = client.get(video_lesson.url).content.decode()
    assert 'data-testid="lesson-locked"' in page and "data-learning-video" not in page
    client.post(f"/learning/courses/{course.pk}/enroll/")
    page = client.get(video_lesson.url).content.decode()
    assert "data-learning-video" in page and "learning/heartbeat.js" in page


def test_my_learning_lists_required_first_with_overdue_flag(client, learner, people, org_tree, course, studio_page):  # type: ignore[no-untyped-def]
    from learning.models import CourseAssignment

    assignment = services.assignment_create(
        staff=people["staff_a"], course=course, organisation=org_tree["a1"],
        due_on=timezone.localdate() + dt.timedelta(days=1),
    )
    CourseAssignment.objects.filter(pk=assignment.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(learner)
    page = client.get("/learning/").content.decode()
    assert page.index("required-list") < page.index("required-heading") + 200
    assert 'data-testid="overdue"' in page and course.title in page


def test_my_learning_needs_login(client):  # type: ignore[no-untyped-def]
    assert client.get("/learning/").status_code == 302


def test_my_learning_query_count_does_not_grow_with_courses(client, learner, studio_page, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    client.force_login(learner)
    courses = [course_create(studio_page=studio_page) for _ in range(12)]
    services.course_enroll(user=learner, course=courses[0])
    with django_assert_max_num_queries(30) as small:
        client.get("/learning/")
    for course in courses[1:]:
        services.course_enroll(user=learner, course=course)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/learning/")


def test_header_links_to_my_learning_once_logged_in(client, learner, course):  # type: ignore[no-untyped-def]
    assert 'href="/learning/"' not in client.get(course.url).content.decode()
    client.force_login(learner)
    assert 'href="/learning/"' in client.get(course.url).content.decode()


def test_my_learning_offers_the_pdf_of_each_valid_certificate(client, learner):  # type: ignore[no-untyped-def]
    from tests.certificates.factories import CertificateFactory

    valid = CertificateFactory(recipient=learner, title="焊接安全")
    revoked = CertificateFactory(recipient=learner, title="起重作业", revoked=True, revoked_reason="重复颁发")
    client.force_login(learner)
    page = client.get("/learning/").content.decode()
    assert f'href="/certificates/{valid.code}/download/"' in page and valid.display_code in page
    assert f"/certificates/{revoked.code}/download/" not in page and "已撤销" in page
    assert f'href="/certificates/verify/{revoked.code}/"' in page  # the title still opens the verification page


@pytest.mark.parametrize(("seconds", "shown"), [(0, "0 分钟"), (29 * 60 + 59, "29 分钟"), (5400, "1.5 小时")])
def test_my_learning_shows_study_time_in_minutes_then_hours(client, learner, seconds, shown):  # type: ignore[no-untyped-def]
    from learning.models import DailyStudy

    DailyStudy.objects.create(user=learner, day=timezone.localdate(), seconds=seconds)
    client.force_login(learner)
    page = client.get("/learning/").content.decode()
    assert f'<dd data-testid="study-time">{shown}</dd>' in page
