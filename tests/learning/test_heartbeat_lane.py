"""The heartbeat in the WSGI lane (learning/api/heartbeat_lane.py in front of Django, config/wsgi.py): the usual
token heartbeat is recorded there with the DRF view's rules and answer; everything else reaches the DRF view,
which answers as it always has, and nothing is written twice (real PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.utils import translation
from rest_framework.authtoken.models import Token

from config.wsgi_lane import WsgiLane
from learning.api.heartbeat_lane import heartbeat_lane_answer
from learning.models import DailyStudy, LessonProgress, PlaybackHeartbeat, ProgressStatus
from tests.learning.factories import Clock, beat
from tests.wsgi_client import WsgiAnswer, wsgi_post

URL = "/api/v1/learning/heartbeats/"
NOT_ENROLLED = "请先报名这门课程，再开始学习。"
pytestmark = pytest.mark.django_db


class CountingDjango:
    """Django's handler, counting the requests the lane hands to it."""

    def __init__(self) -> None:
        self.handler, self.calls = WSGIHandler(), 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_app() -> CountingDjango:
    return CountingDjango()


@pytest.fixture
def lane(django_app: CountingDjango) -> WsgiLane:
    return WsgiLane(django_app, url_name="v1:learning-heartbeat", answer=heartbeat_lane_answer)


def _post(lane: WsgiLane, user: Any, payload: dict[str, Any], **headers: Any) -> WsgiAnswer:
    key = Token.objects.get_or_create(user=user)[0].key if user is not None else "0" * 40
    return wsgi_post(lane, URL, payload, HTTP_AUTHORIZATION=f"Token {key}", **headers)


def test_the_project_serves_heartbeats_through_the_lane():
    from config.wsgi import application

    assert isinstance(application, WsgiLane) and application.answer is heartbeat_lane_answer
    assert application.path == URL


def test_a_token_heartbeat_is_recorded_in_the_lane_and_answered_as_the_drf_view_does(lane, django_app, learner, enrolled, video_lesson, api):  # type: ignore[no-untyped-def]
    clock = Clock()
    fast = _post(lane, learner, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]]))
    assert django_app.calls == 0 and fast.status == 200
    slow = api.post(URL, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[10, 20]]), format="json")
    assert set(fast.json()) == set(slow.json())
    assert fast.json()["credited_seconds"] == pytest.approx(10.0) and slow.json()["played_seconds"] == pytest.approx(20.0)
    assert PlaybackHeartbeat.objects.filter(user=learner).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_in_the_lane_is_one_statement_in_one_round_trip(lane, learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    assert _post(lane, learner, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]])).status == 200
    messages: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        messages.append(sql)
        return execute(sql, params, many, context)

    payload, authorization = beat(lesson=video_lesson, at=clock.tick(10), intervals=[[10, 20]]), f"Token {learner.auth_token.key}"
    with connection.execute_wrapper(count):
        response = wsgi_post(lane, URL, payload, HTTP_AUTHORIZATION=authorization)
    assert response.status == 200 and response.json()["credited_seconds"] == pytest.approx(10.0)
    assert len(messages) == 1 and messages[0].startswith("EXECUTE jianglian_"), messages  # the prepared function call
    assert PlaybackHeartbeat.objects.filter(user=learner).count() == 2
    assert DailyStudy.objects.get(user=learner).seconds == pytest.approx(20.0)


def test_a_resent_heartbeat_is_answered_in_the_lane_and_recorded_once(lane, django_app, learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    payload = beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]])
    first, again = _post(lane, learner, payload), _post(lane, learner, payload)
    assert django_app.calls == 0
    assert first.json()["accepted"] == 1 and again.json()["duplicates"] == 1 and again.json()["credited_seconds"] == 0
    assert PlaybackHeartbeat.objects.filter(user=learner).count() == 1


def test_an_unknown_token_gets_drfs_401_and_nothing_is_written(lane, django_app, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    response = _post(lane, None, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]))
    assert response.status == 401 and response.headers["WWW-Authenticate"] == "Token" and django_app.calls == 1
    assert not PlaybackHeartbeat.objects.exists()


def test_an_inactive_users_token_is_refused(lane, learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    Token.objects.create(user=learner)
    learner.is_active = False
    learner.save(update_fields=["is_active"])
    assert _post(lane, learner, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]])).status == 401
    assert not PlaybackHeartbeat.objects.exists()


def test_a_request_without_a_token_goes_to_django(lane, django_app, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    response = wsgi_post(lane, URL, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]))
    assert response.status in (401, 403) and django_app.calls == 1
    assert not PlaybackHeartbeat.objects.exists()


def test_a_malformed_body_gets_the_serializers_field_messages(lane, django_app, learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    response = _post(lane, learner, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[10, 0]]))
    assert response.status == 400 and "intervals" in response.json() and django_app.calls == 1
    not_json = wsgi_post(lane, URL, body=b"{not json", HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=learner).key}")
    assert not_json.status == 400 and "detail" in not_json.json()
    assert not PlaybackHeartbeat.objects.exists()


def test_a_learner_not_enrolled_is_refused_by_django_in_their_language(lane, django_app, learner, course, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    chinese = _post(lane, learner, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]]))
    english = _post(lane, learner, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]]), HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        expected = translation.gettext(NOT_ENROLLED)
    assert expected != NOT_ENROLLED
    assert chinese.status == english.status == 403 and django_app.calls == 2
    assert chinese.json() == {"detail": NOT_ENROLLED} and english.json() == {"detail": expected}
    assert not PlaybackHeartbeat.objects.exists()


def test_an_unknown_lesson_is_404_for_a_learner_and_401_for_a_stranger(lane, learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    payload = beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]) | {"lesson": 999_999}
    assert _post(lane, None, payload).status == 401  # who asks comes first, not the 404
    response = _post(lane, learner, payload)
    assert response.status == 404 and response.json() == {"detail": "课时不存在或尚未发布。"}


def test_the_completing_heartbeat_goes_to_django_with_its_follow_ups(lane, django_app, learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    for i in range(9):
        data = _post(lane, learner, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[i * 10, i * 10 + 10]])).json()
    assert django_app.calls == 1  # only the ninth, which completes the lesson
    assert data["completed"] is True and data["played_percent"] == 90
    progress = LessonProgress.objects.get(user=learner, lesson=video_lesson)
    assert progress.status == ProgressStatus.COMPLETED and progress.completed_at is not None
    assert DailyStudy.objects.get(user=learner).points > 0  # the lesson's points, awarded with the completion
    assert PlaybackHeartbeat.objects.filter(user=learner).count() == 9  # the lane wrote nothing for the ninth
