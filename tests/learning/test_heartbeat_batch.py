"""Offline queues (batch endpoint) and malformed heartbeats: 400 with a Chinese message, nothing written."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from learning.models import DailyStudy, LedgerEntry, LessonKind, LessonProgress, PlaybackHeartbeat
from tests.learning.factories import Clock, beat, lesson_create

URL = "/api/v1/learning/heartbeats/"
BATCH = "/api/v1/learning/heartbeats/batch/"
pytestmark = pytest.mark.django_db


def nothing_written() -> bool:
    return not (
        PlaybackHeartbeat.objects.exists() or LessonProgress.objects.exists() or DailyStudy.objects.exists()
        or LedgerEntry.objects.exists()
    )


def test_offline_queue_is_reconciled_in_client_order(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    queue = [beat(lesson=video_lesson, at=clock.tick(10), intervals=[[i * 10, i * 10 + 10]]) for i in range(10)]
    shuffled = random.Random(7).sample(queue, len(queue))
    response = api.post(BATCH, {"heartbeats": shuffled}, format="json")
    assert response.status_code == 200, response.content
    lesson = response.json()["lessons"][0]
    assert lesson["completed"] is True and lesson["played_seconds"] == pytest.approx(100.0)
    assert lesson["position"] == pytest.approx(100.0)  # the last one by client time, not by arrival
    assert DailyStudy.objects.get(user=enrolled.user).seconds == pytest.approx(100.0)
    # flushing the same queue again (the reply was lost) changes nothing
    again = api.post(BATCH, {"heartbeats": queue}, format="json").json()["lessons"][0]
    assert again["duplicates"] == 10 and PlaybackHeartbeat.objects.count() == 10


def test_offline_batch_is_still_capped(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    # 5 heartbeats 1 s apart claiming 20 s each: 30 s of window for the first, then 1 s each
    queue = [beat(lesson=video_lesson, at=clock.tick(1), intervals=[[i * 20, i * 20 + 20]]) for i in range(5)]
    lesson = api.post(BATCH, {"heartbeats": queue}, format="json").json()["lessons"][0]
    assert lesson["completed"] is False
    assert DailyStudy.objects.get(user=enrolled.user).seconds == pytest.approx(20.0 + 4 * 1.0)
    assert lesson["played_seconds"] == pytest.approx(20.0 + 4 * 2.0)


def test_offline_batch_overlapping_online_play_on_another_device_earns_once(api, enrolled, video_lesson, course):  # type: ignore[no-untyped-def]
    other = lesson_create(course=course, duration=100.0)
    clock = Clock()
    times = [clock.tick(10) for _ in range(6)]
    for i, at in enumerate(times):  # online on the PC
        api.post(URL, beat(lesson=other, at=at, intervals=[[i * 10, i * 10 + 10]], device="pc"), format="json")
    queue = [beat(lesson=video_lesson, at=at, intervals=[[i * 10, i * 10 + 10]]) for i, at in enumerate(times)]
    api.post(BATCH, {"heartbeats": queue}, format="json")  # the phone comes back online
    assert DailyStudy.objects.get(user=enrolled.user).seconds == pytest.approx(60.0)


def test_offline_batch_of_an_earlier_session_still_earns(api, enrolled, video_lesson, course):  # type: ignore[no-untyped-def]
    other = lesson_create(course=course, duration=100.0)
    clock = Clock(timezone.now() - dt.timedelta(hours=3))
    offline = [beat(lesson=video_lesson, at=clock.tick(10), intervals=[[i * 10, i * 10 + 10]]) for i in range(3)]
    clock.tick(3600)
    for i in range(3):  # later, online on the PC
        api.post(URL, beat(lesson=other, at=clock.tick(10), intervals=[[i * 10, i * 10 + 10]], device="pc"), format="json")
    api.post(BATCH, {"heartbeats": offline}, format="json")
    assert DailyStudy.objects.get(user=enrolled.user).seconds == pytest.approx(60.0)


BAD = [
    ({"id": "not-a-uuid"}, "id"),
    ({"intervals": [[10, 5]]}, "intervals"),
    ({"intervals": [[-1, 5]]}, "intervals"),
    ({"intervals": [[1, 2, 3]]}, "intervals"),
    ({"intervals": "0-10"}, "intervals"),
    ({"rate": 0}, "rate"),
    ({"visibility": "minimised"}, "visibility"),
    ({"sent_at": "昨天"}, "sent_at"),
    ({"position": -3}, "position"),
    ({"lesson": None}, "lesson"),
]


@pytest.mark.parametrize(("change", "field"), BAD)
def test_malformed_heartbeat_is_refused_in_chinese_and_nothing_is_written(api, enrolled, video_lesson, change, field):  # type: ignore[no-untyped-def]
    payload = {**beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]), **change}
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    message = str(response.json()[field])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    assert nothing_written()


def test_heartbeat_from_the_future_is_refused(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    payload = beat(lesson=video_lesson, at=timezone.now() + dt.timedelta(hours=1), intervals=[[0, 10]])
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400 and "时间" in response.json()["detail"]
    assert nothing_written()


def test_one_bad_heartbeat_refuses_the_whole_batch(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    queue = [beat(lesson=video_lesson, at=clock.tick(10), intervals=[[i * 10, i * 10 + 10]]) for i in range(3)]
    queue[2]["intervals"] = [[30, 20]]
    response = api.post(BATCH, {"heartbeats": queue}, format="json")
    assert response.status_code == 400
    assert nothing_written()


def test_batch_with_a_lesson_of_another_course_not_enrolled_is_refused(api, enrolled, video_lesson, studio_page):  # type: ignore[no-untyped-def]
    from tests.learning.factories import course_create

    foreign = lesson_create(course=course_create(studio_page=studio_page))
    clock = Clock()
    queue = [beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]]),
             beat(lesson=foreign, at=clock.tick(10), intervals=[[0, 10]])]
    response = api.post(BATCH, {"heartbeats": queue}, format="json")
    assert response.status_code == 403 and "报名" in response.json()["detail"]
    assert nothing_written()


def test_empty_batch_is_refused(api, enrolled):  # type: ignore[no-untyped-def]
    response = api.post(BATCH, {"heartbeats": []}, format="json")
    assert response.status_code == 400 and "心跳" in str(response.json())


def test_heartbeat_for_a_text_lesson_is_refused(api, enrolled, course):  # type: ignore[no-untyped-def]
    text = lesson_create(course=course, kind=LessonKind.TEXT)
    response = api.post(URL, beat(lesson=text, at=Clock().tick(10), intervals=[[0, 10]]), format="json")
    assert response.status_code == 400 and "不是视频课" in response.json()["detail"]
    assert nothing_written()


def test_heartbeat_for_a_missing_lesson_is_404(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    payload = beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]])
    payload["lesson"] = 999999
    response = api.post(URL, payload, format="json")
    assert response.status_code == 404 and nothing_written()


def test_heartbeat_without_enrolment_is_refused(api, video_lesson):  # type: ignore[no-untyped-def]
    response = api.post(URL, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]), format="json")
    assert response.status_code == 403 and nothing_written()


def test_anonymous_heartbeat_is_refused(video_lesson):  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    response = APIClient().post(URL, beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]]), format="json")
    assert response.status_code in (401, 403) and nothing_written()
