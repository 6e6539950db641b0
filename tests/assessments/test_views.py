"""The learner's pages: start, answer (autosave), submit, result, and the safe ``next`` link back."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Answer, Attempt
from tests.accounts.factories import UserFactory
from tests.assessments.factories import (
    QuizFactory,
    choice_ids,
    fill_in,
    multiple_choice,
    single_choice,
    true_false,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():  # type: ignore[no-untyped-def]
    quiz = QuizFactory(title="焊接安全测验", pass_mark=60, max_attempts=3)
    return {
        "quiz": quiz,
        "single": single_choice(quiz, correct=0),
        "multiple": multiple_choice(quiz, correct=(1, 2)),
        "tf": true_false(quiz, answer=True),
        "fill": fill_in(quiz, accepted="焊条"),
    }


@pytest.fixture
def worker(client):  # type: ignore[no-untyped-def]
    user = UserFactory(real_name="王强")
    client.force_login(user)
    return user


def _start(client, quiz, next_url=""):  # type: ignore[no-untyped-def]
    data = {"next": next_url} if next_url else {}
    response = client.post(reverse("assessments:quiz_start", args=[quiz.pk]), data)
    assert response.status_code == 302
    return Attempt.objects.filter(quiz=quiz).latest("started_at"), response


def _all_right(q):  # type: ignore[no-untyped-def]
    return {
        "shown": [q["single"].pk, q["multiple"].pk, q["tf"].pk, q["fill"].pk],
        f"q{q['single'].pk}": choice_ids(q["single"], 0),
        f"q{q['multiple'].pk}": choice_ids(q["multiple"], 1, 2),
        f"q{q['tf'].pk}": "true",
        f"q{q['fill'].pk}": "焊 条",
    }


def test_start_page_for_anonymous_offers_login(client, quiz):  # type: ignore[no-untyped-def]
    response = client.get(reverse("assessments:quiz_take", args=[quiz["quiz"].pk]))
    assert response.status_code == 200
    assert "登录后答题" in response.content.decode()
    assert client.post(reverse("assessments:quiz_start", args=[quiz["quiz"].pk])).status_code == 302
    assert not Attempt.objects.exists()


def test_take_and_submit_with_a_safe_next(client, worker, quiz):  # type: ignore[no-untyped-def]
    next_url = "/courses/welding/lesson-3/"
    page = client.get(reverse("assessments:quiz_take", args=[quiz["quiz"].pk]), {"next": next_url})
    assert page.status_code == 200 and "开始答题" in page.content.decode()
    attempt, response = _start(client, quiz["quiz"], next_url)
    assert response["Location"] == reverse("assessments:attempt_take", args=[attempt.pk]) + "?next=%2Fcourses%2Fwelding%2Flesson-3%2F"
    sheet = client.get(response["Location"])
    html = sheet.content.decode()
    assert sheet.status_code == 200
    assert html.count('name="shown"') == 4 and "第 1 / 4 题" in html
    assert "is_correct" not in html and "焊条" not in html  # the key never reaches the page

    response = client.post(reverse("assessments:attempt_submit", args=[attempt.pk]), {**_all_right(quiz), "next": next_url})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("assessments:attempt_result", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score == 100
    result = client.get(response["Location"])
    body = result.content.decode()
    assert "恭喜，已通过" in body and f'href="{next_url}"' in body and "继续学习" in body
    assert "依据《机械加工安全操作规程》第三条" in body  # explanations on the result page


@pytest.mark.parametrize("evil", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"])
def test_unsafe_next_is_dropped(client, worker, quiz, evil):  # type: ignore[no-untyped-def]
    attempt, response = _start(client, quiz["quiz"], evil)
    assert "evil" not in response["Location"] and "javascript" not in response["Location"]
    client.post(reverse("assessments:attempt_submit", args=[attempt.pk]), {"next": evil, "shown": []})
    result = client.get(reverse("assessments:attempt_result", args=[attempt.pk]), {"next": evil}).content.decode()
    assert f'href="{evil}"' not in result and "继续学习" not in result
    assert f'name="next" value="{evil}"' not in result


def test_autosave_stores_one_screen_and_returns_json(client, worker, quiz):  # type: ignore[no-untyped-def]
    attempt, _r = _start(client, quiz["quiz"])
    response = client.post(
        reverse("assessments:attempt_save", args=[attempt.pk]), {"shown": quiz["tf"].pk, f"q{quiz['tf'].pk}": "false"}
    )
    assert response.status_code == 200 and response.json()["saved"] == [quiz["tf"].pk]
    assert Answer.objects.get(attempt=attempt).boolean_answer is False
    # the sheet shows the saved answer checked when the learner comes back
    html = client.get(reverse("assessments:attempt_take", args=[attempt.pk])).content.decode()
    assert 'value="false" checked' in html


def test_another_users_attempt_is_refused_with_a_chinese_message(client, quiz):  # type: ignore[no-untyped-def]
    owner = UserFactory()
    client.force_login(owner)
    attempt, _r = _start(client, quiz["quiz"])
    intruder = UserFactory()
    client.force_login(intruder)
    save = client.post(reverse("assessments:attempt_save", args=[attempt.pk]), {"shown": quiz["tf"].pk, f"q{quiz['tf'].pk}": "true"})
    assert save.status_code == 403 and save.json()["detail"] == "这不是您的作答记录，不能提交答案。"
    submit = client.post(reverse("assessments:attempt_submit", args=[attempt.pk]), _all_right(quiz), follow=True)
    assert "这不是您的作答记录，不能提交答案。" in submit.content.decode()
    assert client.get(reverse("assessments:attempt_take", args=[attempt.pk])).status_code == 404
    assert client.get(reverse("assessments:attempt_result", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not attempt.answers.exists()


def test_a_submitted_attempt_cannot_be_resubmitted(client, worker, quiz):  # type: ignore[no-untyped-def]
    attempt, _r = _start(client, quiz["quiz"])
    client.post(reverse("assessments:attempt_submit", args=[attempt.pk]), {"shown": [quiz["tf"].pk], f"q{quiz['tf'].pk}": "false"})
    attempt.refresh_from_db()
    score = attempt.score
    response = client.post(reverse("assessments:attempt_submit", args=[attempt.pk]), _all_right(quiz), follow=True)
    assert "该次作答已交卷，不能再修改答案。" in response.content.decode()
    save = client.post(reverse("assessments:attempt_save", args=[attempt.pk]), {"shown": quiz["tf"].pk, f"q{quiz['tf'].pk}": "true"})
    assert save.status_code == 409 and save.json()["result_url"].endswith(f"/attempts/{attempt.pk}/result/")
    attempt.refresh_from_db()
    assert attempt.score == score and Answer.objects.get(attempt=attempt, question=quiz["tf"]).boolean_answer is False


def test_attempts_used_up_shows_a_message_and_starts_nothing(client, worker, quiz):  # type: ignore[no-untyped-def]
    for _n in range(3):
        attempt, _r = _start(client, quiz["quiz"])
        client.post(reverse("assessments:attempt_submit", args=[attempt.pk]), {"shown": []})
    page = client.get(reverse("assessments:quiz_take", args=[quiz["quiz"].pk])).content.decode()
    assert "您已用完本测验的作答次数" in page
    response = client.post(reverse("assessments:quiz_start", args=[quiz["quiz"].pk]), follow=True)
    assert "您已用完本测验的 3 次作答机会。" in response.content.decode()
    assert Attempt.objects.filter(user=worker).count() == 3


def test_opening_an_expired_attempt_grades_it(client, worker, quiz):  # type: ignore[no-untyped-def]
    quiz["quiz"].time_limit_minutes = 5
    quiz["quiz"].save()
    attempt, _r = _start(client, quiz["quiz"])
    html = client.get(reverse("assessments:attempt_take", args=[attempt.pk])).content.decode()
    assert 'data-seconds-left="' in html
    Attempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(reverse("assessments:attempt_take", args=[attempt.pk]), follow=True)
    assert "答题时间已到" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.timed_out


def test_my_attempts_lists_only_mine(client, worker, quiz):  # type: ignore[no-untyped-def]
    _start(client, quiz["quiz"])
    other_quiz = QuizFactory(title="别人的测验")
    true_false(other_quiz)
    Attempt.objects.create(user=UserFactory(), quiz=other_quiz, question_order=[])
    html = client.get(reverse("assessments:my_attempts")).content.decode()
    assert "焊接安全测验" in html and "别人的测验" not in html


def test_start_page_in_english(client, worker, quiz):  # type: ignore[no-untyped-def]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("assessments:quiz_take", args=[quiz["quiz"].pk])).content.decode()
    assert 'lang="en"' in html and "Pass mark" in html and "Start" in html and "及格线" not in html


def test_result_page_in_english(client, worker, quiz):  # type: ignore[no-untyped-def]
    attempt, _r = _start(client, quiz["quiz"])
    client.post(reverse("assessments:attempt_submit", args=[attempt.pk]), _all_right(quiz))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("assessments:attempt_result", args=[attempt.pk])).content.decode()
    assert "Congratulations, you passed!" in html and "恭喜" not in html
