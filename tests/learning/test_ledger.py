"""积分 with a configurable daily cap, and the auditable ledger staff inspect (scoped)."""

from __future__ import annotations

import pytest

from learning.models import DailyStudy, LedgerEntry, LedgerKind
from tests.accounts.factories import UserFactory
from tests.learning.factories import Clock, beat

URL = "/api/v1/learning/heartbeats/"
pytestmark = pytest.mark.django_db


def watch(api, lesson, minutes: int) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    for i in range(minutes * 6):
        a = (i * 10) % 590
        response = api.post(URL, beat(lesson=lesson, at=clock.tick(10), intervals=[[a, a + 10]]), format="json")
        assert response.status_code == 200


def test_study_time_points_respect_the_daily_cap(settings, api, learner, enrolled, course):  # type: ignore[no-untyped-def]
    from tests.learning.factories import lesson_create

    settings.LEARNING_STUDY_MINUTES_PER_POINT = 1
    settings.LEARNING_POINTS_DAILY_CAP = 3
    settings.LEARNING_POINTS_LESSON_COMPLETED = 0
    lesson = lesson_create(course=course, duration=600.0)
    watch(api, lesson, minutes=5)
    day = DailyStudy.objects.get(user=learner)
    assert day.seconds == pytest.approx(300.0)
    assert day.points == 3
    entries = LedgerEntry.objects.filter(user=learner, kind=LedgerKind.STUDY_TIME).order_by("created_at", "pk")
    assert [e.points_requested for e in entries] == [1, 1, 1, 1, 1]
    assert [e.points for e in entries] == [1, 1, 1, 0, 0]  # the refusals stay in the ledger, visible


def test_the_cap_is_a_setting(settings, api, learner, enrolled, course):  # type: ignore[no-untyped-def]
    from tests.learning.factories import lesson_create

    settings.LEARNING_STUDY_MINUTES_PER_POINT = 1
    settings.LEARNING_POINTS_DAILY_CAP = 10
    lesson = lesson_create(course=course, duration=600.0)
    watch(api, lesson, minutes=5)
    assert DailyStudy.objects.get(user=learner).points == 5


def test_person_ledger_is_visible_to_self_and_staff_of_the_subtree_only(api, learner, enrolled, video_lesson, people):  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    watch(api, video_lesson, minutes=1)
    url = f"/api/v1/learning/people/{learner.pk}/ledger/"
    assert api.get(url).status_code == 200
    for name, expected in [("staff_a", 200), ("city_staff", 200), ("admin", 200), ("staff_b", 403), ("worker_a", 403)]:
        client = APIClient()
        client.force_authenticate(people[name])
        response = client.get(url)
        assert response.status_code == expected, name
        if expected == 403:
            assert "无权" in response.json()["detail"]
    client = APIClient()
    client.force_authenticate(people["staff_a"])
    data = client.get(url).json()
    assert data["total_seconds"] == pytest.approx(60.0) and data["days"][0]["seconds"] == pytest.approx(60.0)


def test_another_users_progress_is_not_visible(api, learner, enrolled, video_lesson, course):  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    watch(api, video_lesson, minutes=1)
    other = UserFactory()
    client = APIClient()
    client.force_authenticate(other)
    data = client.get(f"/api/v1/learning/courses/{course.pk}/progress/").json()
    assert data["enrolled"] is False and data["lessons"] == []
    resume = client.get(f"/api/v1/learning/lessons/{video_lesson.pk}/resume/").json()
    assert resume["position"] == 0 and resume["played_percent"] == 0
    mine = api.get(f"/api/v1/learning/lessons/{video_lesson.pk}/resume/").json()
    assert mine["position"] == pytest.approx(60.0)
