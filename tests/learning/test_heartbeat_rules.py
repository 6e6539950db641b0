"""Video completion and anti-skip rules of the heartbeat endpoint (real PostgreSQL, through the API)."""

from __future__ import annotations

import pytest

from learning.models import DailyStudy, HeartbeatOutcome, LessonProgress, PlaybackHeartbeat
from tests.learning.factories import Clock, beat

URL = "/api/v1/learning/heartbeats/"
pytestmark = pytest.mark.django_db


def send(api, payload):  # type: ignore[no-untyped-def]
    response = api.post(URL, payload, format="json")
    assert response.status_code == 200, response.content.decode()
    return response.json()


def play(api, lesson, clock, *, start=0.0, step=10.0, count=1, rate=1.0, wall=10.0, device="phone"):  # type: ignore[no-untyped-def]
    """``count`` heartbeats, ``wall`` seconds apart, each reporting ``step`` seconds of media played."""
    data = None
    for i in range(count):
        a = start + i * step
        data = send(api, beat(lesson=lesson, at=clock.tick(wall), intervals=[[a, a + step]], rate=rate, device=device))
    return data


def test_playing_90_percent_completes_and_not_before(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    data = play(api, video_lesson, clock, count=8)
    assert data["played_percent"] == 80 and data["completed"] is False
    data = play(api, video_lesson, clock, start=80, count=1)
    assert data["played_seconds"] == pytest.approx(90.0)
    assert data["completed"] is True
    progress = LessonProgress.objects.get(lesson=video_lesson)
    assert progress.played_ranges == [[0.0, 90.0]]
    assert DailyStudy.objects.get(user=progress.user).seconds == pytest.approx(90.0)


def test_seeking_to_the_end_does_not_complete(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    play(api, video_lesson, clock, count=1)  # watched 0–10
    data = send(api, beat(lesson=video_lesson, at=clock.tick(3), intervals=[[98.5, 100.0]], position=100.0))
    assert data["completed"] is False
    assert data["played_seconds"] == pytest.approx(11.5)
    assert data["position"] == pytest.approx(100.0)  # the playhead is remembered for resume, nothing more


def test_rewatching_the_same_part_does_not_add_coverage(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    for _ in range(12):
        data = send(api, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]]))
    assert data["played_seconds"] == pytest.approx(10.0) and data["completed"] is False
    # the study time itself is real: 12 × 10 s of wall clock
    assert DailyStudy.objects.get(user=enrolled.user).seconds == pytest.approx(120.0)


def test_a_forged_interval_is_capped_by_wall_clock_and_2x(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    data = send(api, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 100]], position=100))
    # one heartbeat may claim at most 30 s of wall clock, at most 2× → 60 s of media
    assert data["played_seconds"] == pytest.approx(60.0)
    assert data["completed"] is False
    assert data["outcomes"] == [HeartbeatOutcome.CAPPED]
    record = PlaybackHeartbeat.objects.get()
    assert record.credited_seconds == pytest.approx(30.0)


def test_credit_never_exceeds_wall_clock_between_heartbeats(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    # every 10 s of wall clock the client claims 30 s played at 1×
    for i in range(3):
        data = send(api, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[i * 30, i * 30 + 30]]))
    credited = list(PlaybackHeartbeat.objects.order_by("sent_at").values_list("credited_seconds", flat=True))
    assert credited == [pytest.approx(30.0), pytest.approx(10.0), pytest.approx(10.0)]
    media = list(PlaybackHeartbeat.objects.order_by("sent_at").values_list("media_seconds", flat=True))
    assert media == [pytest.approx(30.0), pytest.approx(20.0), pytest.approx(20.0)]
    assert data["played_seconds"] == pytest.approx(70.0)


def test_media_beyond_2x_speed_is_not_credited(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    send(api, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 20]], rate=2.0))
    # claims 4× (40 s of media in 10 s): only 2× of the 10 s since the last heartbeat counts
    data = send(api, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[20, 60]], rate=4.0))
    assert data["played_seconds"] == pytest.approx(40.0)
    assert data["outcomes"] == [HeartbeatOutcome.CAPPED]


def test_2x_speed_completes_in_half_the_time_with_half_the_study_time(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    data = play(api, video_lesson, clock, step=20, count=5, rate=2.0)
    assert data["completed"] is True
    assert DailyStudy.objects.get(user=enrolled.user).seconds == pytest.approx(50.0)


def test_hidden_tab_earns_nothing_but_keeps_the_position(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    data = send(
        api, beat(lesson=video_lesson, at=clock.tick(10), intervals=[[0, 10]], position=10, visibility="hidden")
    )
    assert data["played_seconds"] == 0 and data["outcomes"] == [HeartbeatOutcome.HIDDEN]
    assert data["position"] == pytest.approx(10.0)
    assert not DailyStudy.objects.filter(user=enrolled.user).exists()


def test_two_devices_at_once_earn_once(api, enrolled, video_lesson, course):  # type: ignore[no-untyped-def]
    from tests.learning.factories import lesson_create

    other = lesson_create(course=course, duration=100.0)
    clock = Clock()
    for i in range(6):
        at = clock.tick(10)
        send(api, beat(lesson=video_lesson, at=at, intervals=[[i * 10, i * 10 + 10]], device="phone"))
        send(api, beat(lesson=other, at=at, intervals=[[i * 10, i * 10 + 10]], device="pc"))
    assert DailyStudy.objects.get(user=enrolled.user).seconds == pytest.approx(60.0)
    outcomes = PlaybackHeartbeat.objects.filter(lesson=other).values_list("outcome", flat=True)
    assert set(outcomes) == {HeartbeatOutcome.NO_WALL_TIME}


def test_duplicate_heartbeat_counts_once(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    payload = beat(lesson=video_lesson, at=Clock().tick(10), intervals=[[0, 10]])
    first = send(api, payload)
    again = send(api, payload)
    assert first["played_seconds"] == again["played_seconds"] == pytest.approx(10.0)
    assert again["duplicates"] == 1 and again["accepted"] == 0
    assert PlaybackHeartbeat.objects.count() == 1
    assert DailyStudy.objects.get(user=enrolled.user).seconds == pytest.approx(10.0)


def test_position_follows_the_latest_client_time(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    early = clock.tick(10)
    late = clock.tick(10)
    send(api, beat(lesson=video_lesson, at=late, intervals=[[40, 50]], position=50))
    send(api, beat(lesson=video_lesson, at=early, intervals=[[0, 10]], position=10, device="tablet"))
    response = api.get(f"/api/v1/learning/lessons/{video_lesson.pk}/resume/")
    assert response.json()["position"] == pytest.approx(50.0)


def test_stale_offline_heartbeats_earn_nothing(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    old = timezone.now() - dt.timedelta(days=8)
    data = send(api, beat(lesson=video_lesson, at=old, intervals=[[0, 10]]))
    assert data["outcomes"] == [HeartbeatOutcome.STALE] and data["played_seconds"] == 0
