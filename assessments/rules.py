"""Who may take, see and author quizzes (django-rules predicates, testable as a matrix)."""

import rules

from accounts.rules import is_master, is_site_admin, is_union_staff
from organisations.rules import manages_organisation
from studios.selectors import studio_is_member


@rules.predicate
def quiz_is_active(user, quiz) -> bool:  # type: ignore[no-untyped-def]
    return quiz is not None and quiz.is_active


@rules.predicate
def is_authenticated(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def manages_quiz_organisation(user, quiz) -> bool:  # type: ignore[no-untyped-def]
    return quiz is not None and manages_organisation(user, quiz.organisation)


@rules.predicate
def is_quiz_studio_member(user, quiz) -> bool:  # type: ignore[no-untyped-def]
    return quiz is not None and quiz.studio is not None and studio_is_member(studio=quiz.studio, user=user)


@rules.predicate
def owns_attempt(user, attempt) -> bool:  # type: ignore[no-untyped-def]
    return attempt is not None and attempt.user_id == user.pk


can_author_quizzes = is_site_admin | is_union_staff | is_master
can_edit_quiz = is_site_admin | (is_union_staff & manages_quiz_organisation) | (is_master & is_quiz_studio_member)

rules.add_perm("assessments.take_quiz", is_authenticated & quiz_is_active)
rules.add_perm("assessments.author_quizzes", can_author_quizzes)
rules.add_perm("assessments.edit_quiz", can_edit_quiz)
# an attempt is a learning record: its owner sees it, nobody else through the site
rules.add_perm("assessments.view_attempt", is_authenticated & owns_attempt)
rules.add_perm("assessments.answer_attempt", is_authenticated & owns_attempt)
