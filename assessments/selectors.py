"""Reads of quizzes and attempts: results, attempts left, what a user may author."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from organisations.selectors import scope_for_user, user_sees_everything
from studios.models import Studio
from studios.selectors import studios_for_user, studios_of_member

from .models import Attempt, Choice, Question, Quiz

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class QuizResult:
    """A user's best submitted attempt on a quiz."""

    attempt: Attempt
    score: Decimal
    passed: bool
    attempts_used: int


def _is_user(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def attempts_submitted(*, user: User, quiz: Quiz) -> QuerySet[Attempt]:
    return Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False)


def attempt_open(*, user: User, quiz: Quiz) -> Attempt | None:
    """The attempt the user has started and not yet submitted, if any."""
    if not _is_user(user):
        return None
    return Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()


def quiz_best_result(*, user: User, quiz: Quiz) -> QuizResult | None:
    """The best submitted attempt (highest score, then earliest); None when nothing was submitted."""
    if not _is_user(user):
        return None
    submitted = attempts_submitted(user=user, quiz=quiz)
    best = submitted.order_by("-score", "submitted_at").first()
    if best is None:
        return None
    return QuizResult(
        attempt=best,
        score=best.score or Decimal("0"),
        passed=bool(best.passed),
        attempts_used=submitted.count(),
    )


def quiz_passed(*, user: User, quiz: Quiz) -> bool:
    if not _is_user(user):
        return False
    return attempts_submitted(user=user, quiz=quiz).filter(passed=True).exists()


def attempts_left(*, user: User, quiz: Quiz) -> int | None:
    """How many more attempts the user may start: None means unlimited.

    An attempt that has been started counts, submitted or not (an open attempt is resumed, not restarted).
    """
    if quiz.max_attempts == 0:
        return None
    if not _is_user(user):
        return quiz.max_attempts
    used = Attempt.objects.filter(user=user, quiz=quiz).count()
    return max(0, quiz.max_attempts - used)


def quiz_questions(*, quiz: Quiz) -> QuerySet[Question]:
    return quiz.questions.order_by("sort_order", "pk").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))
    )


def attempt_questions(*, attempt: Attempt) -> list[tuple[Question, list[Choice]]]:
    """The attempt's questions in the order it was dealt, each with its choices in the dealt order.

    Questions deleted from the quiz after the attempt started are left out; choices added later are
    appended at the end so an author's fix stays answerable.
    """
    questions = {q.pk: q for q in quiz_questions(quiz=attempt.quiz)}
    dealt: list[tuple[Question, list[Choice]]] = []
    for item in attempt.question_order:
        question = questions.get(int(item["q"]))
        if question is None:
            continue
        choices = {c.pk: c for c in question.choices.all()}
        ordered = [choices.pop(int(cid)) for cid in item.get("c", []) if int(cid) in choices]
        ordered.extend(choices.values())
        dealt.append((question, ordered))
    return dealt


def attempt_for_user(*, user: User, pk: int) -> Attempt | None:
    """The user's own attempt ``pk`` (None for anybody else's)."""
    if not _is_user(user):
        return None
    return Attempt.objects.select_related("quiz").filter(user=user, pk=pk).first()


def attempts_of_user(*, user: User, quiz: Quiz | None = None) -> QuerySet[Attempt]:
    qs = Attempt.objects.filter(user=user).select_related("quiz")
    if quiz is not None:
        qs = qs.filter(quiz=quiz)
    return qs.order_by("-started_at")


def quizzes_authored_by(*, user: User) -> QuerySet[Quiz]:
    """Quizzes a user may edit in the admin.

    Site admin: all. Union staff: quizzes of their organisation subtree (``scope_for_user``).
    Masters: quizzes of the studios they lead or belong to. Everyone else: none.
    """
    qs = Quiz.objects.select_related("studio", "organisation")
    if not _is_user(user) or not user.is_active:
        return qs.none()
    if user_sees_everything(user=user) or getattr(user, "is_site_admin", False):
        return qs
    if user.is_union_staff:
        return scope_for_user(qs, user=user)
    if user.is_master:
        studios = studios_of_member(user=user)
        return qs.filter(studio__in=studios)
    return qs.none()


def studios_for_quiz_author(*, user: User) -> QuerySet[Studio]:
    """The studios a quiz author may attach a quiz to."""
    if not _is_user(user) or not user.is_active:
        return Studio.objects.none()
    if user_sees_everything(user=user) or getattr(user, "is_site_admin", False):
        return Studio.objects.all()
    if user.is_union_staff:
        return studios_for_user(user=user)
    if user.is_master:
        return studios_of_member(user=user)
    return Studio.objects.none()


def quiz_available(*, pk: int) -> Quiz | None:
    """A quiz learners may open (active)."""
    return Quiz.objects.filter(pk=pk, is_active=True).select_related("studio", "organisation").first()
