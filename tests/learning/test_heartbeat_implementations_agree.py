"""The usual heartbeat runs in PostgreSQL (learning_heartbeat_record, migration 0005), batches and the embedded
setup run the Python rules (services/heartbeat_rules.py): two implementations of one set of rules. Random
sessions — seeks, replays, speeds, hidden tabs, two devices at once, resends, offline stragglers, points — go
through both, one learner each, and must leave the same answers and the same records."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest

from learning.models import DailyStudy, LedgerEntry, LessonProgress, PlaybackHeartbeat
from learning.services import Heartbeat, heartbeat, heartbeats_record
from tests.accounts.factories import UserFactory
from tests.learning.factories import lesson_create

pytestmark = pytest.mark.django_db
DURATION = 600.0


def _session(rng: random.Random, lesson_id: int, start: dt.datetime, steps: int) -> list[Heartbeat]:
    beats: list[Heartbeat] = []
    clock, head = start, 0.0
    for _ in range(steps):
        if beats and rng.random() < 0.08:  # a resend of an earlier heartbeat (lost reply)
            beats.append(rng.choice(beats))
            continue
        clock += dt.timedelta(seconds=rng.choice([0, 3, 5, 10, 10, 10, 12, 20, 45]))
        if rng.random() < 0.15:
            head = rng.uniform(0, DURATION)  # a seek
        rate = rng.choice([0.5, 1.0, 1.0, 1.0, 1.25, 2.0, 3.0])
        length = rng.choice([0.0, 4.0, 10.0, 10.0, 20.0, 35.0])
        spans = [(head, min(DURATION, head + length))]
        if rng.random() < 0.1:
            back = rng.uniform(0, DURATION - 5)
            spans.append((back, back + rng.uniform(0.5, 5)))  # a second, replayed stretch
        head = min(DURATION, head + length)
        sent = clock - rng.choice([dt.timedelta(0)] * 8 + [dt.timedelta(hours=3), dt.timedelta(days=8)])  # stragglers
        beats.append(Heartbeat(
            client_id=uuid.uuid4(), lesson_id=lesson_id, sent_at=sent, intervals=tuple(spans),
            position=head + rng.uniform(-1, 1), rate=rate, visible=rng.random() > 0.1, device=rng.choice(["phone", "pc"]),
        ))  # fmt: skip
    return beats


def _records(user) -> dict:  # type: ignore[no-untyped-def]
    progress = LessonProgress.objects.filter(user=user).values("status", "played_ranges", "played_seconds", "position")
    beats = PlaybackHeartbeat.objects.filter(user=user).order_by("sent_at", "client_id")
    return {
        "progress": list(progress),
        "beats": list(beats.values_list("client_id", "outcome", "credited_seconds", "media_seconds", "new_coverage", "window_start")),
        "days": list(DailyStudy.objects.filter(user=user).order_by("day").values_list("day", "seconds", "points")),
        "ledger": list(LedgerEntry.objects.filter(user=user).order_by("pk").values_list("kind", "points_requested", "points", "seconds")),
    }


def _answers(user, beats, monkeypatch, *, python: bool) -> list:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(heartbeat, "PORTABLE_STORE", python)
    answers = []
    for beat in beats:
        (answer,) = heartbeats_record(user_id=user.pk, heartbeats=[beat])
        answers.append((answer.played_seconds, answer.position, answer.completed, answer.credited_seconds,
                        answer.accepted, answer.duplicates, answer.outcomes))  # fmt: skip
    return answers


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(a, float) or isinstance(b, float):
        return a == pytest.approx(b, abs=2e-3)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return abs((a - b).total_seconds()) < 2e-6
    return a == b


@pytest.mark.parametrize("seed", range(12))
def test_the_database_function_and_the_python_rules_agree(seed, course, org_tree, monkeypatch):  # type: ignore[no-untyped-def]
    from learning.services import course_enroll

    rng = random.Random(seed)
    lesson = lesson_create(course=course, duration=DURATION)
    in_database, in_python = UserFactory(organisation=org_tree["a1"]), UserFactory(organisation=org_tree["a1"])
    for user in (in_database, in_python):
        course_enroll(user=user, course=course)
    beats = _session(rng, lesson.pk, dt.datetime.now(dt.UTC) - dt.timedelta(hours=2), steps=60)
    answers_db = _answers(in_database, beats, monkeypatch, python=False)
    answers_py = _answers(in_python, beats, monkeypatch, python=True)
    for n, (a, b) in enumerate(zip(answers_db, answers_py, strict=True)):
        assert _same(a, b), (n, beats[n], a, b)
    records_db, records_py = _records(in_database), _records(in_python)
    for key in records_db:
        assert _same(records_db[key], records_py[key]), (key, records_db[key], records_py[key])
    outcomes = {beat[1] for beat in records_db["beats"]}
    assert "credited" in outcomes and len(outcomes) >= 4, outcomes  # the sessions do exercise the rules
