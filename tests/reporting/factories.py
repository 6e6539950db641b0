"""Builders for the report tests: enrolments, ledger entries and required-course assignments with chosen
dates (the learning services stamp “now”, reports need the past too)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from learning.models import CourseAssignment, CoursePage, Enrollment, LedgerEntry, LedgerKind
from organisations.models import Organisation


def local(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An aware datetime at ``hour:minute`` Asia/Shanghai on ``day``."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def this_year(month: int = 3, day: int = 1) -> dt.date:
    return dt.date(timezone.localdate().year, month, day)


def enrolment_create(
    *, user: User, course: CoursePage, enrolled_at: dt.datetime, completed_at: dt.datetime | None = None,
    progress: int | None = None, hours: Decimal = Decimal("0"),
) -> Enrollment:
    enrollment = Enrollment.objects.create(
        user=user, course=course, completed_at=completed_at, hours_awarded=hours,
        progress_percent=progress if progress is not None else (100 if completed_at else 0),
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(enrolled_at=enrolled_at)  # auto_now_add
    enrollment.refresh_from_db()
    return enrollment


def ledger_create(
    *, user: User, day: dt.date, hours: Decimal | str = "0", points: int = 0, course: CoursePage | None = None,
    kind: str = LedgerKind.COURSE_COMPLETED,
) -> LedgerEntry:
    return LedgerEntry.objects.create(
        user=user, day=day, kind=kind, hours=Decimal(str(hours)), points=points, points_requested=points,
        course=course,
    )


def completion_create(
    *, user: User, course: CoursePage, enrolled_at: dt.datetime, completed_at: dt.datetime,
    hours: Decimal | str = "2.0", points: int = 10,
) -> Enrollment:
    """A completed course as the learning services record it: the enrolment and its ledger award."""
    enrollment = enrolment_create(
        user=user, course=course, enrolled_at=enrolled_at, completed_at=completed_at, hours=Decimal(str(hours))
    )
    ledger_create(user=user, day=timezone.localdate(completed_at), hours=hours, points=points, course=course)
    return enrollment


def assignment_create(
    *, course: CoursePage, organisation: Organisation, due_on: dt.date, by: User | None = None
) -> CourseAssignment:
    """An assignment with any due date (the service refuses past ones; reports need them)."""
    return CourseAssignment.objects.create(course=course, organisation=organisation, due_on=due_on, assigned_by=by)
