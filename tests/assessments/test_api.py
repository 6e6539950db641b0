"""/api/v1/assessments/: start, save, submit, result — and nobody touches another learner's attempt."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from assessments.models import Answer, Attempt
from tests.accounts.factories import UserFactory
from tests.assessments.factories import QuizFactory, choice_ids, fill_in, single_choice, true_false

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def quiz():  # type: ignore[no-untyped-def]
    quiz = QuizFactory(pass_mark=50, max_attempts=2)
    return {
        "quiz": quiz,
        "single": single_choice(quiz, correct=2),
        "tf": true_false(quiz, answer=True),
        "fill": fill_in(quiz, accepted="扭矩扳手"),
    }


def _start(api, quiz):  # type: ignore[no-untyped-def]
    return api.post(reverse("v1:assessments-attempt-start", args=[quiz.pk]))


def test_anonymous_gets_401(quiz):  # type: ignore[no-untyped-def]
    assert APIClient().post(reverse("v1:assessments-attempt-start", args=[quiz["quiz"].pk])).status_code == 401


def test_full_flow_start_save_submit_result(quiz):  # type: ignore[no-untyped-def]
    worker = UserFactory()
    api = _client(worker)
    info = api.get(reverse("v1:assessments-quiz-detail", args=[quiz["quiz"].pk])).json()
    assert info["attempts_left"] == 2 and info["question_count"] == 3 and info["open_attempt"] is None

    started = _start(api, quiz["quiz"])
    assert started.status_code == 201
    body = started.json()
    assert [q["kind"] for q in body["questions"]] == ["single", "true_false", "fill_in"]
    assert all("is_correct" not in c for q in body["questions"] for c in q["choices"])  # no answer key
    assert "accepted_answers" not in str(body)
    attempt_id = body["id"]
    assert _start(api, quiz["quiz"]).status_code == 200  # resumed, not a new attempt

    saved = api.post(
        reverse("v1:assessments-attempt-answers", args=[attempt_id]),
        {"answers": [{"question": quiz["tf"].pk, "boolean": True}]},
        format="json",
    )
    assert saved.status_code == 200
    assert {q["id"]: q["answer"] for q in saved.json()["questions"]}[quiz["tf"].pk] == {"boolean": True}

    submitted = api.post(
        reverse("v1:assessments-attempt-submit", args=[attempt_id]),
        {
            "answers": [
                {"question": quiz["single"].pk, "choices": choice_ids(quiz["single"], 2)},
                {"question": quiz["fill"].pk, "text": "扭矩 扳手"},
            ]
        },
        format="json",
    )
    assert submitted.status_code == 200, submitted.content
    result = submitted.json()
    assert result["submitted"] is True and result["passed"] is True and Decimal(result["score"]) == Decimal("100")
    assert all(item["correct"] for item in result["items"])
    assert {item["id"]: item["key"] for item in result["items"]}[quiz["fill"].pk] == {"text": ["扭矩扳手"]}

    again = api.get(reverse("v1:assessments-attempt-result", args=[attempt_id]))
    assert again.status_code == 200 and again.json()["score"] == result["score"]
    info = api.get(reverse("v1:assessments-quiz-detail", args=[quiz["quiz"].pk])).json()
    assert info["passed"] is True and info["attempts_left"] == 1


def test_hidden_answers_stay_hidden_in_the_result(quiz):  # type: ignore[no-untyped-def]
    quiz["quiz"].show_answers = False
    quiz["quiz"].save()
    api = _client(UserFactory())
    attempt_id = _start(api, quiz["quiz"]).json()["id"]
    result = api.post(reverse("v1:assessments-attempt-submit", args=[attempt_id]), {}, format="json").json()
    assert all(item["key"] is None and item["explanation"] == "" for item in result["items"])


def test_another_users_attempt_is_refused_in_chinese_and_unchanged(quiz):  # type: ignore[no-untyped-def]
    owner, intruder = UserFactory(), UserFactory()
    attempt_id = _start(_client(owner), quiz["quiz"]).json()["id"]
    api = _client(intruder)
    payload = {"answers": [{"question": quiz["tf"].pk, "boolean": False}]}
    for name in ("v1:assessments-attempt-answers", "v1:assessments-attempt-submit"):
        response = api.post(reverse(name, args=[attempt_id]), payload, format="json")
        assert response.status_code == 403
        assert response.json()["detail"] == "这不是您的作答记录，不能提交答案。"
    for name in ("v1:assessments-attempt-detail", "v1:assessments-attempt-result"):
        assert api.get(reverse(name, args=[attempt_id])).status_code == 404
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.submitted_at is None and not Answer.objects.filter(attempt=attempt).exists()


def test_a_submitted_attempt_refuses_new_answers(quiz):  # type: ignore[no-untyped-def]
    api = _client(UserFactory())
    attempt_id = _start(api, quiz["quiz"]).json()["id"]
    api.post(reverse("v1:assessments-attempt-submit", args=[attempt_id]), {}, format="json")
    response = api.post(
        reverse("v1:assessments-attempt-answers", args=[attempt_id]),
        {"answers": [{"question": quiz["tf"].pk, "boolean": True}]},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "该次作答已交卷，不能再修改答案。"
    assert not Answer.objects.filter(attempt_id=attempt_id).exists()


def test_bad_answers_get_a_chinese_400(quiz):  # type: ignore[no-untyped-def]
    api = _client(UserFactory())
    attempt_id = _start(api, quiz["quiz"]).json()["id"]
    url = reverse("v1:assessments-attempt-answers", args=[attempt_id])
    foreign = QuizFactory()
    other_question = true_false(foreign)
    response = api.post(url, {"answers": [{"question": other_question.pk, "boolean": True}]}, format="json")
    assert response.status_code == 400 and response.json()["detail"] == "题目不属于本次作答。"
    response = api.post(
        url, {"answers": [{"question": quiz["single"].pk, "choices": choice_ids(quiz["single"], 0, 1)}]}, format="json"
    )
    assert response.status_code == 400 and "只能选择一个选项" in response.json()["detail"]
    assert not Answer.objects.filter(attempt_id=attempt_id).exists()


def test_attempts_limit_is_a_409(quiz):  # type: ignore[no-untyped-def]
    api = _client(UserFactory())
    for _n in range(2):
        attempt_id = _start(api, quiz["quiz"]).json()["id"]
        api.post(reverse("v1:assessments-attempt-submit", args=[attempt_id]), {}, format="json")
    response = _start(api, quiz["quiz"])
    assert response.status_code == 409
    assert response.json()["detail"] == "您已用完本测验的 2 次作答机会。"


def test_time_limit_is_enforced_by_the_server(quiz):  # type: ignore[no-untyped-def]
    quiz["quiz"].time_limit_minutes = 10
    quiz["quiz"].save()
    api = _client(UserFactory())
    body = _start(api, quiz["quiz"]).json()
    assert 590 <= body["seconds_left"] <= 600
    Attempt.objects.filter(pk=body["id"]).update(
        started_at=timezone.now() - datetime.timedelta(minutes=20),
        deadline_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    response = api.post(
        reverse("v1:assessments-attempt-answers", args=[body["id"]]),
        {"answers": [{"question": quiz["tf"].pk, "boolean": True}]},
        format="json",
    )
    assert response.status_code == 409 and "答题时间已到" in response.json()["detail"]
    attempt = Attempt.objects.get(pk=body["id"])
    assert attempt.is_submitted and attempt.timed_out and attempt.points_earned == 0
