"""Grading on the server, the attempts limit, the time limit, and answers to someone else's attempt."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments import services
from assessments.models import Answer, Attempt, answer_normalise
from assessments.selectors import attempts_left, quiz_best_result
from assessments.signals import attempt_passed
from config.errors import ApplicationError
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
    """Four questions of four kinds, 1 + 2 + 1 + 1 = 5 points, pass mark 60 %."""
    quiz = QuizFactory(pass_mark=60)
    return {
        "quiz": quiz,
        "single": single_choice(quiz, points=1, correct=1),
        "multiple": multiple_choice(quiz, points=2, correct=(0, 2)),
        "tf": true_false(quiz, answer=False, points=1),
        "fill": fill_in(quiz, accepted="ＣＮＣ 数控\n数控机床", points=1),
    }


@pytest.fixture
def worker():  # type: ignore[no-untyped-def]
    return UserFactory(real_name="张伟")


def _submit(user, quiz, answers):  # type: ignore[no-untyped-def]
    attempt = services.attempt_start(user=user, quiz=quiz)
    return services.attempt_submit(user=user, attempt=attempt, answers=answers)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＣＮＣ数控", True),  # full-width letters
        ("cnc 数控", True),  # case and spaces
        ("  C N C　数 控 ", True),  # ideographic space
        ("数控机床", True),
        ("数控车床", False),
        ("", False),
    ],
)
def test_fill_in_is_graded_after_normalising_width_case_and_spaces(quiz, worker, text, expected):  # type: ignore[no-untyped-def]
    fill = quiz["fill"]
    attempt = _submit(worker, quiz["quiz"], {fill.pk: {"text": text}})
    answer = Answer.objects.get(attempt=attempt, question=fill)
    assert answer.is_correct is expected
    assert answer.points_awarded == (Decimal("1") if expected else Decimal("0"))


def test_answer_normalise_folds_full_width_case_and_spaces() -> None:
    assert answer_normalise("ＡＢＣ　１２") == answer_normalise("abc12") == answer_normalise("A B C 12") == "abc12"


@pytest.mark.parametrize(
    ("picked", "expected"),
    [((0, 2), True), ((2, 0), True), ((0,), False), ((0, 1, 2), False), ((), False), ((1, 3), False)],
)
def test_multiple_choice_needs_exactly_the_correct_set(quiz, worker, picked, expected):  # type: ignore[no-untyped-def]
    question = quiz["multiple"]
    attempt = _submit(worker, quiz["quiz"], {question.pk: {"choices": choice_ids(question, *picked)}})
    assert Answer.objects.get(attempt=attempt, question=question).is_correct is expected


@pytest.mark.parametrize(("picked", "expected"), [(1, True), (0, False), (3, False)])
def test_single_choice(quiz, worker, picked, expected):  # type: ignore[no-untyped-def]
    question = quiz["single"]
    attempt = _submit(worker, quiz["quiz"], {question.pk: {"choices": choice_ids(question, picked)}})
    assert Answer.objects.get(attempt=attempt, question=question).is_correct is expected


@pytest.mark.parametrize(("given", "expected"), [("false", True), (False, True), ("true", False), ("错误", True)])
def test_true_false(quiz, worker, given, expected):  # type: ignore[no-untyped-def]
    question = quiz["tf"]
    attempt = _submit(worker, quiz["quiz"], {question.pk: {"boolean": given}})
    assert Answer.objects.get(attempt=attempt, question=question).is_correct is expected


def test_score_is_percent_of_points_and_pass_mark_decides(quiz, worker):  # type: ignore[no-untyped-def]
    # single (1) + true/false (1) + fill (1) right, multiple (2) wrong: 3 / 5 = 60 % → passes at 60
    attempt = _submit(
        worker,
        quiz["quiz"],
        {
            quiz["single"].pk: {"choices": choice_ids(quiz["single"], 1)},
            quiz["multiple"].pk: {"choices": choice_ids(quiz["multiple"], 0)},
            quiz["tf"].pk: {"boolean": "false"},
            quiz["fill"].pk: {"text": "数控机床"},
        },
    )
    assert (attempt.points_earned, attempt.points_possible, attempt.score) == (
        Decimal("3"),
        Decimal("5"),
        Decimal("60.00"),
    )
    assert attempt.passed is True
    quiz["quiz"].pass_mark = 61
    quiz["quiz"].save()
    second = _submit(worker, quiz["quiz"], {quiz["single"].pk: {"choices": choice_ids(quiz["single"], 1)}})
    assert second.score == Decimal("20.00")
    assert second.passed is False
    best = quiz_best_result(user=worker, quiz=quiz["quiz"])
    assert best is not None and best.attempt == attempt and best.attempts_used == 2


def test_unanswered_questions_score_zero(quiz, worker):  # type: ignore[no-untyped-def]
    attempt = _submit(worker, quiz["quiz"], {})
    assert attempt.score == Decimal("0.00") and attempt.passed is False and attempt.points_possible == 5


def test_single_choice_refuses_two_choices_and_foreign_choices_without_writing(quiz, worker):  # type: ignore[no-untyped-def]
    attempt = services.attempt_start(user=worker, quiz=quiz["quiz"])
    services.attempt_answers_save(
        user=worker, attempt=attempt, answers={quiz["tf"].pk: {"boolean": True}}
    )
    with pytest.raises(ApplicationError, match="只能选择一个选项"):
        services.attempt_answers_save(
            user=worker,
            attempt=attempt,
            answers={
                quiz["tf"].pk: {"boolean": False},  # valid, but in the same batch as the bad one
                quiz["single"].pk: {"choices": choice_ids(quiz["single"], 0, 1)},
            },
        )
    with pytest.raises(ApplicationError, match="不属于"):
        services.attempt_answers_save(
            user=worker, attempt=attempt, answers={quiz["single"].pk: {"choices": choice_ids(quiz["multiple"], 0)}}
        )
    # nothing of the refused batches was written
    assert list(Answer.objects.filter(attempt=attempt).values_list("question_id", "boolean_answer")) == [
        (quiz["tf"].pk, True)
    ]


def test_answers_to_another_users_attempt_are_refused_and_nothing_changes(quiz, worker):  # type: ignore[no-untyped-def]
    attempt = services.attempt_start(user=worker, quiz=quiz["quiz"])
    intruder = UserFactory()
    with pytest.raises(ApplicationError, match="不是您的作答记录") as refused:
        services.attempt_answers_save(
            user=intruder, attempt=attempt, answers={quiz["tf"].pk: {"boolean": False}}
        )
    assert refused.value.status == 403
    with pytest.raises(ApplicationError, match="不是您的作答记录"):
        services.attempt_submit(user=intruder, attempt=attempt, answers={quiz["tf"].pk: {"boolean": False}})
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not attempt.answers.exists()


def test_a_submitted_attempt_cannot_be_changed(quiz, worker):  # type: ignore[no-untyped-def]
    attempt = _submit(worker, quiz["quiz"], {quiz["tf"].pk: {"boolean": True}})
    score = attempt.score
    with pytest.raises(ApplicationError, match="已交卷") as refused:
        services.attempt_answers_save(user=worker, attempt=attempt, answers={quiz["tf"].pk: {"boolean": False}})
    assert refused.value.status == 409
    with pytest.raises(ApplicationError, match="已交卷"):
        services.attempt_submit(user=worker, attempt=attempt, answers={quiz["tf"].pk: {"boolean": False}})
    attempt.refresh_from_db()
    assert attempt.score == score
    assert Answer.objects.get(attempt=attempt).boolean_answer is True


def test_attempts_limit_counts_started_attempts_and_resumes_an_open_one(quiz, worker):  # type: ignore[no-untyped-def]
    q = quiz["quiz"]
    q.max_attempts = 2
    q.save()
    assert attempts_left(user=worker, quiz=q) == 2
    first = services.attempt_start(user=worker, quiz=q)
    assert services.attempt_start(user=worker, quiz=q) == first  # resumed, not a second attempt
    assert attempts_left(user=worker, quiz=q) == 1
    services.attempt_submit(user=worker, attempt=first)
    second = services.attempt_start(user=worker, quiz=q)
    assert second.number == 2
    services.attempt_submit(user=worker, attempt=second)
    assert attempts_left(user=worker, quiz=q) == 0
    with pytest.raises(ApplicationError, match="用完本测验的 2 次作答机会"):
        services.attempt_start(user=worker, quiz=q)
    assert Attempt.objects.filter(user=worker, quiz=q).count() == 2
    # another learner has their own allowance
    assert attempts_left(user=UserFactory(), quiz=q) == 2


def test_unlimited_attempts(quiz, worker):  # type: ignore[no-untyped-def]
    for _n in range(4):
        _submit(worker, quiz["quiz"], {})
    assert attempts_left(user=worker, quiz=quiz["quiz"]) is None


def test_time_limit_refuses_late_answers_and_grades_what_was_saved_in_time(quiz, worker):  # type: ignore[no-untyped-def]
    q = quiz["quiz"]
    q.time_limit_minutes = 10
    q.save()
    start = timezone.now() - datetime.timedelta(minutes=30)
    attempt = services.attempt_start(user=worker, quiz=q, now=start)
    assert attempt.deadline_at == start + datetime.timedelta(minutes=10)
    services.attempt_answers_save(
        user=worker,
        attempt=attempt,
        answers={quiz["tf"].pk: {"boolean": False}},
        now=start + datetime.timedelta(minutes=9),
    )
    late = start + datetime.timedelta(minutes=11)
    with pytest.raises(ApplicationError, match="答题时间已到"):
        services.attempt_answers_save(
            user=worker, attempt=attempt, answers={quiz["fill"].pk: {"text": "数控机床"}}, now=late
        )
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.timed_out
    assert attempt.points_earned == Decimal("1")  # only the answer saved in time counts
    assert not Answer.objects.filter(attempt=attempt, question=quiz["fill"]).exists()
    assert attempt.submitted_at <= attempt.deadline_at + services.SUBMIT_GRACE


def test_a_late_submit_ignores_the_answers_it_carries(quiz, worker):  # type: ignore[no-untyped-def]
    q = quiz["quiz"]
    q.time_limit_minutes = 5
    q.save()
    start = timezone.now() - datetime.timedelta(minutes=6)
    attempt = services.attempt_start(user=worker, quiz=q, now=start)
    graded = services.attempt_submit(
        user=worker, attempt=attempt, answers={quiz["tf"].pk: {"boolean": False}}, now=timezone.now()
    )
    assert graded.timed_out and graded.points_earned == 0 and not graded.answers.exists()


def test_submit_within_the_grace_period_counts(quiz, worker):  # type: ignore[no-untyped-def]
    q = quiz["quiz"]
    q.time_limit_minutes = 5
    q.save()
    now = timezone.now()
    attempt = services.attempt_start(user=worker, quiz=q, now=now - datetime.timedelta(minutes=5, seconds=5))
    graded = services.attempt_submit(user=worker, attempt=attempt, answers={quiz["tf"].pk: {"boolean": False}}, now=now)
    assert not graded.timed_out and graded.points_earned == 1


def test_starting_again_after_the_deadline_closes_the_expired_attempt(quiz, worker):  # type: ignore[no-untyped-def]
    q = quiz["quiz"]
    q.time_limit_minutes = 1
    q.save()
    old = services.attempt_start(user=worker, quiz=q, now=timezone.now() - datetime.timedelta(minutes=3))
    new = services.attempt_start(user=worker, quiz=q)
    old.refresh_from_db()
    assert new != old and old.is_submitted and old.timed_out and new.number == 2


def test_expired_sweep_grades_open_timed_attempts_only(quiz, worker):  # type: ignore[no-untyped-def]
    q = quiz["quiz"]
    q.time_limit_minutes = 1
    q.save()
    expired = services.attempt_start(user=worker, quiz=q, now=timezone.now() - datetime.timedelta(minutes=5))
    running = services.attempt_start(user=UserFactory(), quiz=q)
    assert services.attempts_expired_grade() == 1
    expired.refresh_from_db()
    running.refresh_from_db()
    assert expired.is_submitted and expired.timed_out and not running.is_submitted


def test_closed_quiz_and_empty_quiz_cannot_be_started(worker):  # type: ignore[no-untyped-def]
    empty = QuizFactory()
    with pytest.raises(ApplicationError, match="还没有题目"):
        services.attempt_start(user=worker, quiz=empty)
    closed = QuizFactory(is_active=False)
    true_false(closed)
    with pytest.raises(ApplicationError, match="已关闭"):
        services.attempt_start(user=worker, quiz=closed)
    assert not Attempt.objects.exists()


def test_shuffle_deals_every_question_and_choice_once(quiz, worker):  # type: ignore[no-untyped-def]
    q = quiz["quiz"]
    q.shuffle_questions = q.shuffle_choices = True
    q.save()
    attempt = services.attempt_start(user=worker, quiz=q)
    dealt = attempt.question_order
    assert sorted(item["q"] for item in dealt) == sorted(
        [quiz["single"].pk, quiz["multiple"].pk, quiz["tf"].pk, quiz["fill"].pk]
    )
    by_q = {item["q"]: item["c"] for item in dealt}
    assert sorted(by_q[quiz["single"].pk]) == sorted(quiz["single"].choices.values_list("pk", flat=True))
    assert by_q[quiz["tf"].pk] == [] and by_q[quiz["fill"].pk] == []


def test_attempt_passed_is_sent_after_commit_only_when_passing(quiz, worker, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    received = []

    def handler(sender, **kwargs):  # type: ignore[no-untyped-def]
        received.append(kwargs)

    attempt_passed.connect(handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _submit(worker, quiz["quiz"], {quiz["tf"].pk: {"boolean": False}})  # 1 / 5: fails
        assert received == []
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            passing = _submit(
                worker,
                quiz["quiz"],
                {
                    quiz["single"].pk: {"choices": choice_ids(quiz["single"], 1)},
                    quiz["multiple"].pk: {"choices": choice_ids(quiz["multiple"], 0, 2)},
                },
            )
        assert received == []  # not before the commit
        for callback in callbacks:
            callback()
    finally:
        attempt_passed.disconnect(handler)
    assert received == [{"signal": attempt_passed, "user": worker, "quiz": quiz["quiz"], "attempt": passing}]
