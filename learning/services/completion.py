"""Completing lessons and courses: status, course progress %, points, credit hours (学时) and follow-ups."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .. import conf
from ..models import Enrollment, LedgerKind, LessonPage, LessonProgress, ProgressStatus
from ..signals import course_completed
from .ledger import daily_rows_lock, local_day, points_award


def course_lesson_ids(*, course_path: str, depth: int) -> list[int]:
    """Live lessons of the course (its child pages)."""
    return list(
        LessonPage.objects.filter(path__startswith=course_path, depth=depth + 1, live=True).values_list("pk", flat=True)
    )


def lesson_complete(*, progress: LessonProgress, when: dt.datetime | None = None) -> bool:
    """Mark the lesson done (under the learner's lock); returns False when it already was.

    Awards the lesson points and recomputes the course, which may complete it too.
    """
    if progress.status == ProgressStatus.COMPLETED:
        return False
    when = when or timezone.now()
    progress.status = ProgressStatus.COMPLETED
    progress.completed_at = when
    progress.save(update_fields=["status", "completed_at", "updated_at"])
    daily = daily_rows_lock(user_id=progress.user_id, days=[local_day()])[local_day()]
    points_award(
        user_id=progress.user_id, daily=daily, kind=LedgerKind.LESSON_COMPLETED,
        requested=conf.points_lesson_completed(), course_id=progress.course_id, lesson_id=progress.lesson_id,
    )
    daily.save(update_fields=["points"])
    enrollment_recompute(user_id=progress.user_id, course_id=progress.course_id)
    return True


def enrollment_recompute(*, user_id: int, course_id: int) -> Enrollment | None:
    """Course progress % from the completed live lessons; completion awards hours once."""
    enrollment = (
        Enrollment.objects.select_for_update().select_related("course", "user").filter(user_id=user_id, course_id=course_id).first()
    )
    if enrollment is None:
        return None
    course = enrollment.course
    lesson_ids = course_lesson_ids(course_path=course.path, depth=course.depth)
    done = LessonProgress.objects.filter(
        user_id=user_id, lesson_id__in=lesson_ids, status=ProgressStatus.COMPLETED
    ).count()
    percent = int(100 * done / len(lesson_ids)) if lesson_ids else 0
    fields = ["progress_percent"]
    enrollment.progress_percent = percent
    newly_completed = bool(lesson_ids) and done == len(lesson_ids) and enrollment.completed_at is None
    if newly_completed:
        enrollment.completed_at = timezone.now()
        enrollment.hours_awarded = course.credit_hours
        fields += ["completed_at", "hours_awarded"]
        daily = daily_rows_lock(user_id=user_id, days=[local_day()])[local_day()]
        points_award(
            user_id=user_id, daily=daily, kind=LedgerKind.COURSE_COMPLETED,
            requested=conf.points_course_completed(), hours=course.credit_hours, course_id=course.pk,
        )
        daily.save(update_fields=["points"])
    enrollment.save(update_fields=fields)
    if newly_completed:
        transaction.on_commit(
            lambda: course_completed.send(sender=Enrollment, user=enrollment.user, course=course, enrollment=enrollment),
            robust=True,
        )
    return enrollment
