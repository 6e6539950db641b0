"""The heartbeat endpoint's fast lane (token requests served without DRF) and its fallbacks to the DRF view:
same answers, same refusals, nothing written when refused (real PostgreSQL)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from learning.models import DailyStudy, LessonProgress, PlaybackHeartbeat, ProgressStatus
from tests.learning.factories import Clock, beat

URL = "/api/v1/learning/heartbeats/"
pytestmark = pytest.mark.django_db


def _client(user, *, language: str = "zh-hans") -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_a_token_heartbeat_earns_and_answers_like_the_drf_view(learner, enrolled, video_lesson, api):  # type: ignore[no-untyped-def]
    clock = Clock()
    fast = _client(learner).post(URL, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]]), format="json")
    slow = api.post(URL, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[10, 20]]), format="json")
    assert fast.status_code == slow.status_code == 200
    assert fast["Content-Type"] == slow["Content-Type"] == "application/json"
    assert set(fast.json()) == set(slow.json())
    assert fast.json()["credited_seconds"] == pytest.approx(10.0) and slow.json()["played_seconds"] == pytest.approx(20.0)
    assert PlaybackHeartbeat.objects.filter(user=learner).count() == 2


def test_an_unknown_token_gets_drfs_401_and_nothing_is_written(enrolled, video_lesson):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.post(URL, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]), format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert not PlaybackHeartbeat.objects.exists()


def test_an_inactive_users_token_is_refused(learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    client = _client(learner)
    learner.is_active = False
    learner.save(update_fields=["is_active"])
    response = client.post(URL, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]), format="json")
    assert response.status_code == 401
    assert not PlaybackHeartbeat.objects.exists()


def test_a_malformed_body_gets_the_serializers_field_messages(learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    payload = beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[10, 0]])
    response = _client(learner).post(URL, payload, format="json")
    assert response.status_code == 400 and "intervals" in response.json()
    assert not PlaybackHeartbeat.objects.exists()


def test_refusals_after_the_token_is_checked_come_from_the_fast_lane_in_chinese(learner, course, video_lesson):  # type: ignore[no-untyped-def]
    response = _client(learner).post(URL, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]), format="json")
    assert response.status_code == 403 and response.json() == {"detail": "请先报名这门课程，再开始学习。"}
    assert not PlaybackHeartbeat.objects.exists()


def test_a_refusal_before_the_token_is_checked_still_authenticates_first(learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    payload = beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]) | {"lesson": 999_999}
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token " + "1" * 40)
    assert stranger.post(URL, payload, format="json").status_code == 401  # who asks comes first, not the 404
    response = _client(learner).post(URL, payload, format="json")
    assert response.status_code == 404 and response.json() == {"detail": "课时不存在或尚未发布。"}


def test_a_session_request_from_the_browser_player_still_works(learner, enrolled, video_lesson, client):  # type: ignore[no-untyped-def]
    client.force_login(learner)
    response = client.post(
        URL, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["credited_seconds"] == pytest.approx(10.0)


def test_completion_through_the_fast_lane_gets_its_follow_ups(learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    client, clock = _client(learner), Clock()
    for i in range(9):
        data = client.post(URL, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[i * 10, i * 10 + 10]]), format="json").json()
    assert data["completed"] is True and data["played_percent"] == 90
    progress = LessonProgress.objects.get(user=learner, lesson=video_lesson)
    assert progress.status == ProgressStatus.COMPLETED and progress.completed_at is not None
    assert DailyStudy.objects.get(user=learner).points > 0  # the lesson's points, awarded with the completion
    assert PlaybackHeartbeat.objects.filter(user=learner).count() == 9  # the rolled-back try left nothing twice
