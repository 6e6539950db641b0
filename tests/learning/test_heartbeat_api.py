"""The heartbeat endpoint's mechanics: statements per heartbeat, the answer document, the enrolment's "last
activity", and devices racing on real connections (threads)."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from learning.api.serializers import PlaybackSerializer, playback_data
from learning.models import DailyStudy, Enrollment, HeartbeatOutcome, LessonProgress, PlaybackHeartbeat
from learning.services import LessonPlayback
from tests.learning.factories import Clock, beat, lesson_create

URL = "/api/v1/learning/heartbeats/"
TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b")


def _token_client(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_the_answer_is_the_serializers_document():  # type: ignore[no-untyped-def]
    playback = LessonPlayback(
        lesson_id=7, duration=100.0, played_seconds=33.3, position=40.5, completed=False, credited_seconds=10.0,
        accepted=2, duplicates=1, outcomes=[HeartbeatOutcome.CREDITED, HeartbeatOutcome.NO_WALL_TIME],
    )
    assert playback_data(playback) == PlaybackSerializer(playback).data


@pytest.mark.django_db
def test_last_activity_is_written_at_most_once_a_minute_but_the_last_lesson_at_once(api, enrolled, video_lesson, course):  # type: ignore[no-untyped-def]
    clock = Clock()
    api.post(URL, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]]), format="json")
    enrolled.refresh_from_db()
    first = enrolled.last_activity_at
    assert first is not None and enrolled.last_lesson_id == video_lesson.pk
    api.post(URL, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[10, 20]]), format="json")
    enrolled.refresh_from_db()
    assert enrolled.last_activity_at == first  # seconds later: not rewritten
    other = lesson_create(course=course, duration=100.0)
    api.post(URL, beat(lesson=other, at=clock.tick(10), intervals=[[0, 10]]), format="json")
    enrolled.refresh_from_db()
    assert enrolled.last_lesson_id == other.pk  # "继续学习" follows at once
    Enrollment.objects.filter(pk=enrolled.pk).update(last_activity_at=timezone.now() - dt.timedelta(minutes=2))
    api.post(URL, beat(lesson=other, at=clock.tick(10), intervals=[[10, 20]]), format="json")
    enrolled.refresh_from_db()
    assert timezone.now() - enrolled.last_activity_at < dt.timedelta(seconds=30)


@pytest.mark.django_db(transaction=True)
def test_two_devices_racing_on_their_own_connections_earn_once(learner, enrolled, video_lesson, course):  # type: ignore[no-untyped-def]
    other = lesson_create(course=course, duration=100.0)
    clock = Clock()
    times = [clock.tick(10) for _ in range(8)]
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def device(lesson, name: str) -> None:  # type: ignore[no-untyped-def]
        client = APIClient()
        client.force_authenticate(learner)
        try:
            for i, at in enumerate(times):
                payload = beat(lesson=lesson, at=at, intervals=[[i * 10, i * 10 + 10]], device=name)
                barrier.wait(timeout=30)
                statuses.append(client.post(URL, payload, format="json").status_code)
                statuses.append(client.post(URL, payload, format="json").status_code)  # the retry of a lost reply
        finally:
            connection.close()

    threads = [threading.Thread(target=device, args=(video_lesson, "phone")), threading.Thread(target=device, args=(other, "pc"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 32
    assert PlaybackHeartbeat.objects.filter(user=learner).count() == 16
    assert sum(DailyStudy.objects.filter(user=learner).values_list("seconds", flat=True)) == pytest.approx(80.0)
    coverage = sum(LessonProgress.objects.filter(user=learner).values_list("played_seconds", flat=True))
    assert coverage == pytest.approx(80.0)  # each 10 s of wall clock earned once, on one lesson or the other
    outcomes = list(PlaybackHeartbeat.objects.filter(user=learner).values_list("outcome", flat=True))
    assert outcomes.count(HeartbeatOutcome.CREDITED) == 8 and outcomes.count(HeartbeatOutcome.NO_WALL_TIME) == 8
