"""Writes of quizzes: start an attempt, save answers, submit and grade — all on the server.

Rules enforced here (views and the API are thin callers):
- a learner answers only their own attempt, and only while it is open; anything else is refused with a
  Chinese message and nothing is written;
- the attempts limit counts every started attempt; an open attempt is resumed rather than restarted;
- a timed attempt closes at ``deadline_at`` (plus a short grace for the network): answers arriving
  later are not accepted and the attempt is graded with what was saved in time;
- ``attempt_passed`` is sent after the commit of a passing grade.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import ApplicationError

from .models import CHOICE_KINDS, Answer, Attempt, Choice, Question, QuestionKind, Quiz, answer_normalise
from .selectors import attempts_left, quiz_questions
from .signals import attempt_passed

if TYPE_CHECKING:
    from accounts.models import User

# Answers that left the phone before the deadline may arrive a little after it.
SUBMIT_GRACE = datetime.timedelta(seconds=15)
TEXT_ANSWER_MAX = 500

AnswerPayload = Mapping[str, Any]  # {"choices": [ids]} | {"boolean": bool} | {"text": str}


# --- starting -------------------------------------------------------------------------------------


def _deal(*, quiz: Quiz, questions: list[Question]) -> list[dict[str, Any]]:
    order = list(questions)
    rng = random.SystemRandom()
    if quiz.shuffle_questions:
        rng.shuffle(order)
    dealt = []
    for question in order:
        choice_ids = [c.pk for c in question.choices.all()] if question.kind in CHOICE_KINDS else []
        if quiz.shuffle_choices:
            rng.shuffle(choice_ids)
        dealt.append({"q": question.pk, "c": choice_ids})
    return dealt


@transaction.atomic
def attempt_start(*, user: User, quiz: Quiz, now: datetime.datetime | None = None) -> Attempt:
    """Open an attempt for ``user``, or return the one already open (expired ones are graded first)."""
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False):
        raise ApplicationError(_("请先登录再答题。"), status=403)
    # lock the quiz row: two taps on “开始答题” must not both pass the attempts check
    quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
    open_attempt = Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()
    if open_attempt is not None:
        if not open_attempt.is_expired(now=now - SUBMIT_GRACE):
            return open_attempt
        attempt_grade(attempt=open_attempt, now=now, timed_out=True)
    if not quiz.is_active:
        raise ApplicationError(_("该测验已关闭，暂不能作答。"))
    left = attempts_left(user=user, quiz=quiz)
    if left is not None and left <= 0:
        raise ApplicationError(
            _("您已用完本测验的 %(count)s 次作答机会。") % {"count": quiz.max_attempts}, status=409
        )
    questions = list(quiz_questions(quiz=quiz))
    if not questions:
        raise ApplicationError(_("该测验还没有题目，暂不能作答。"))
    number = (Attempt.objects.filter(user=user, quiz=quiz).aggregate(n=Max("number"))["n"] or 0) + 1
    limit = quiz.time_limit
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                user=user,
                quiz=quiz,
                number=number,
                started_at=now,
                deadline_at=now + limit if limit else None,
                question_order=_deal(quiz=quiz, questions=questions),
            )
    except IntegrityError as exc:  # another request opened one at the same moment
        raise ApplicationError(_("已有一次正在进行的作答，请刷新页面后继续。"), status=409) from exc


# --- answering ------------------------------------------------------------------------------------


def _attempt_lock_for_answering(*, user: User, attempt: Attempt, now: datetime.datetime) -> Attempt:
    locked = Attempt.objects.select_for_update().select_related("quiz").filter(pk=attempt.pk).first()
    if locked is None or locked.user_id != getattr(user, "pk", None):
        raise ApplicationError(_("这不是您的作答记录，不能提交答案。"), status=403)
    if locked.is_submitted:
        raise ApplicationError(_("该次作答已交卷，不能再修改答案。"), status=409)
    return locked


def _choice_ids(value: Any) -> list[int]:
    if value is None or value == "":
        return []
    if isinstance(value, (str, int)):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise ApplicationError(_("选项格式不正确。"))
    ids = []
    for item in value:
        try:
            ids.append(int(item))
        except (TypeError, ValueError) as exc:
            raise ApplicationError(_("选项格式不正确。")) from exc
    return ids


def _boolean(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes", "对", "正确"}:
        return True
    if text in {"false", "0", "no", "错", "错误"}:
        return False
    raise ApplicationError(_("判断题只能回答“正确”或“错误”。"))


def _answer_write(*, attempt: Attempt, question: Question, payload: AnswerPayload) -> None:
    """Validate ``payload`` for ``question`` completely, then write it (nothing is written on error)."""
    choice_ids: list[int] = []
    boolean: bool | None = None
    text = ""
    if question.kind in CHOICE_KINDS:
        choice_ids = _choice_ids(payload.get("choices"))
        if len(set(choice_ids)) != len(choice_ids):
            raise ApplicationError(_("同一个选项不能重复选择。"))
        if question.kind == QuestionKind.SINGLE and len(choice_ids) > 1:
            raise ApplicationError(_("第 %(n)s 题是单选题，只能选择一个选项。") % {"n": question.number})
        valid = set(Choice.objects.filter(question=question, pk__in=choice_ids).values_list("pk", flat=True))
        if valid != set(choice_ids):
            raise ApplicationError(_("所选选项不属于第 %(n)s 题。") % {"n": question.number})
    elif question.kind == QuestionKind.TRUE_FALSE:
        boolean = _boolean(payload.get("boolean"))
    else:
        text = str(payload.get("text") or "").strip()
        if len(text) > TEXT_ANSWER_MAX:
            raise ApplicationError(
                _("第 %(n)s 题的答案太长（最多 %(max)s 个字）。") % {"n": question.number, "max": TEXT_ANSWER_MAX}
            )
    answer, _created = Answer.objects.update_or_create(
        attempt=attempt,
        question=question,
        defaults={"boolean_answer": boolean, "text_answer": text, "is_correct": None},
    )
    answer.selected_choices.set(choice_ids)


def _questions_of_attempt(attempt: Attempt) -> dict[int, Question]:
    ids = attempt.question_ids
    questions = {q.pk: q for q in Question.objects.filter(quiz=attempt.quiz, pk__in=ids)}
    for index, qid in enumerate(ids, start=1):
        if qid in questions:
            questions[qid].number = index  # type: ignore[attr-defined]
    return questions


def _answers_write(*, attempt: Attempt, answers: Mapping[int | str, AnswerPayload]) -> None:
    questions = _questions_of_attempt(attempt)
    parsed: list[tuple[Question, AnswerPayload]] = []
    for key, payload in answers.items():
        try:
            question = questions.get(int(key))
        except (TypeError, ValueError):
            question = None
        if question is None:
            raise ApplicationError(_("题目不属于本次作答。"))
        if not isinstance(payload, Mapping):
            raise ApplicationError(_("答案格式不正确。"))
        parsed.append((question, payload))
    with transaction.atomic():  # a bad answer anywhere rolls back the whole batch
        for question, payload in parsed:
            _answer_write(attempt=attempt, question=question, payload=payload)


def attempt_answers_save(
    *,
    user: User,
    attempt: Attempt,
    answers: Mapping[int | str, AnswerPayload],
    now: datetime.datetime | None = None,
) -> Attempt:
    """Save (or change) answers of an open attempt without submitting — one screen at a time on a phone.

    When the time is up the answers are refused and the attempt is graded (and committed) with what was
    saved before; then the refusal is raised.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _attempt_lock_for_answering(user=user, attempt=attempt, now=now)
        expired = locked.is_expired(now=now - SUBMIT_GRACE)
        if expired:
            attempt_grade(attempt=locked, now=now, timed_out=True)
        else:
            _answers_write(attempt=locked, answers=answers)
    if expired:
        raise ApplicationError(_("答题时间已到，系统已按到时前保存的答案自动交卷。"), status=409)
    return locked


@transaction.atomic
def attempt_submit(
    *,
    user: User,
    attempt: Attempt,
    answers: Mapping[int | str, AnswerPayload] | None = None,
    now: datetime.datetime | None = None,
) -> Attempt:
    """Submit an open attempt, with its last answers, and grade it.

    After the deadline (plus grace) the answers sent with the submission are ignored: the attempt is
    graded with the answers saved in time and marked ``timed_out``.
    """
    now = now or timezone.now()
    locked = _attempt_lock_for_answering(user=user, attempt=attempt, now=now)
    if locked.is_expired(now=now - SUBMIT_GRACE):
        return attempt_grade(attempt=locked, now=now, timed_out=True)
    if answers:
        _answers_write(attempt=locked, answers=answers)
    return attempt_grade(attempt=locked, now=now)


# --- grading --------------------------------------------------------------------------------------


def question_is_correct(
    *, question: Question, choice_ids: Iterable[int] = (), boolean: bool | None = None, text: str = ""
) -> bool:
    """Grade one answer. Multiple choice is all-or-nothing: exactly the correct set of choices."""
    if question.kind in CHOICE_KINDS:
        correct = {c.pk for c in question.choices.all() if c.is_correct}
        chosen = set(choice_ids)
        return bool(correct) and chosen == correct
    if question.kind == QuestionKind.TRUE_FALSE:
        return boolean is not None and boolean == question.true_false_answer
    typed = answer_normalise(text)
    return bool(typed) and typed in {answer_normalise(a) for a in question.accepted_answer_list}


def _percent(earned: Decimal, possible: Decimal) -> Decimal:
    if possible <= 0:
        return Decimal("0.00")
    return (earned * 100 / possible).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def attempt_grade(*, attempt: Attempt, now: datetime.datetime | None = None, timed_out: bool = False) -> Attempt:
    """Grade every dealt question (unanswered ones score 0) and close the attempt; idempotent."""
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    if attempt.is_submitted:
        return attempt
    questions = {q.pk: q for q in quiz_questions(quiz=attempt.quiz).filter(pk__in=attempt.question_ids)}
    answers = {a.question_id: a for a in attempt.answers.prefetch_related("selected_choices")}
    earned = Decimal("0")
    possible = Decimal("0")
    for qid in attempt.question_ids:
        question = questions.get(qid)
        if question is None:  # deleted from the quiz after the attempt started: not counted
            continue
        possible += question.points
        answer = answers.get(qid)
        if answer is None:
            continue
        correct = question_is_correct(
            question=question,
            choice_ids=[c.pk for c in answer.selected_choices.all()],
            boolean=answer.boolean_answer,
            text=answer.text_answer,
        )
        answer.is_correct = correct
        answer.points_awarded = Decimal(question.points) if correct else Decimal("0")
        answer.save(update_fields=["is_correct", "points_awarded"])
        earned += answer.points_awarded
    attempt.points_earned = earned
    attempt.points_possible = possible
    attempt.score = _percent(earned, possible)
    attempt.passed = possible > 0 and attempt.score >= attempt.quiz.pass_mark
    attempt.submitted_at = min(now, attempt.deadline_at + SUBMIT_GRACE) if timed_out and attempt.deadline_at else now
    attempt.timed_out = timed_out
    attempt.save(
        update_fields=["points_earned", "points_possible", "score", "passed", "submitted_at", "timed_out"]
    )
    if attempt.passed:
        user, quiz, graded = attempt.user, attempt.quiz, attempt
        transaction.on_commit(
            lambda: attempt_passed.send(sender=Attempt, user=user, quiz=quiz, attempt=graded)
        )
    return attempt


def attempts_expired_grade(*, now: datetime.datetime | None = None) -> int:
    """Close every open attempt whose time ran out (the periodic sweep); returns how many were graded."""
    now = now or timezone.now()
    expired = Attempt.objects.filter(
        submitted_at__isnull=True, deadline_at__isnull=False, deadline_at__lt=now - SUBMIT_GRACE
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(expired):
        attempt_grade(attempt=Attempt(pk=pk), now=now, timed_out=True)
        count += 1
    return count


# --- authoring ------------------------------------------------------------------------------------


def quiz_prepare_for_save(*, quiz: Quiz, user: User | None) -> Quiz:
    """Defaults an author should not have to type: the creator, and the studio's organisation."""
    if quiz.pk is None and user is not None and getattr(user, "is_authenticated", False):
        quiz.created_by = user
    if quiz.studio_id and not quiz.organisation_id:
        quiz.organisation = quiz.studio.organisation
    return quiz
