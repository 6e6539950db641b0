"""Quiz lessons complete when the learner passes the quiz (assessments.signals.attempt_passed)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User

from ..models import Enrollment, LessonKind, LessonPage, LessonProgress
from .completion import lesson_complete
from .locks import learner_lock


@transaction.atomic
def quiz_passed_record(*, user: User, quiz_id: int) -> list[LessonProgress]:
    """Complete every live quiz lesson using this quiz in a course the person is enrolled in."""
    lessons = list(LessonPage.objects.live().filter(kind=LessonKind.QUIZ, quiz_id=quiz_id).only("pk", "path"))
    if not lessons:
        return []
    enrolled = dict(
        Enrollment.objects.filter(
            user=user, course__path__in={lesson.path[: -LessonPage.steplen] for lesson in lessons}
        ).values_list("course__path", "course_id")
    )
    learner_lock(user_id=user.pk)
    completed = []
    for lesson in lessons:
        course_id = enrolled.get(lesson.path[: -LessonPage.steplen])
        if course_id is None:
            continue
        progress, _created = LessonProgress.objects.select_for_update().get_or_create(
            user=user, lesson=lesson, defaults={"course_id": course_id}
        )
        lesson_complete(progress=progress)
        completed.append(progress)
    return completed
