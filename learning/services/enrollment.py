"""Enrolment in courses, and required courses (必修) assigned by union staff to an organisation subtree."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.errors import ApplicationError
from organisations.models import Organisation
from organisations.selectors import organisation_is_within, scope_root_for_user, user_sees_everything

from ..models import CourseAssignment, CoursePage, Enrollment, EnrollmentSource
from ..selectors import assignments_for_user


@transaction.atomic
def course_enroll(*, user: User, course: CoursePage) -> Enrollment:
    """Enrol (idempotent): the source is “assigned” when the course is required for the person."""
    if not user.is_authenticated or not user.is_active:
        raise ApplicationError(_("请先登录。"), status=403)
    if not course.live:
        raise ApplicationError(_("这门课程尚未发布，暂不能报名。"))
    required = assignments_for_user(user=user).filter(course=course).exists()
    source = EnrollmentSource.ASSIGNED if required else EnrollmentSource.SELF
    enrollment, _created = Enrollment.objects.get_or_create(user=user, course=course, defaults={"source": source})
    return enrollment


def assignment_check_scope(*, staff: User, organisation: Organisation) -> None:
    """Refuse (ApplicationError) unless ``staff`` manages ``organisation``."""
    if user_sees_everything(user=staff):
        return
    root = scope_root_for_user(user=staff)
    if root is None:
        raise ApplicationError(_("只有工会干部可以指派必修课。"), status=403)
    if not organisation_is_within(organisation=organisation, ancestor=root):
        raise ApplicationError(_("您只能给本组织及下级组织指派必修课。"), status=403)


def assignment_check_due(*, due_on: dt.date) -> None:
    if due_on < timezone.localdate():
        raise ApplicationError(_("截止日期已过：请选择今天或以后的日期。"))


@transaction.atomic
def assignment_create(
    *, staff: User, course: CoursePage, organisation: Organisation, due_on: dt.date, note: str = ""
) -> CourseAssignment:
    assignment_check_scope(staff=staff, organisation=organisation)
    assignment_check_due(due_on=due_on)
    if not course.live:
        raise ApplicationError(_("只能指派已发布的课程。"))
    try:
        with transaction.atomic():
            assignment = CourseAssignment.objects.create(
                course=course, organisation=organisation, due_on=due_on, note=note.strip(), assigned_by=staff
            )
    except IntegrityError:
        raise ApplicationError(_("该组织已被指派过这门必修课。")) from None
    from ..tasks import assignment_notify_task

    transaction.on_commit(lambda: assignment_notify_task.delay(assignment.pk), robust=True)
    return assignment


@transaction.atomic
def assignment_update(*, staff: User, assignment: CourseAssignment, due_on: dt.date, note: str = "") -> CourseAssignment:
    assignment_check_scope(staff=staff, organisation=assignment.organisation)
    assignment_check_due(due_on=due_on)
    assignment.due_on = due_on
    assignment.note = note.strip()
    assignment.save(update_fields=["due_on", "note"])
    return assignment


@transaction.atomic
def assignment_delete(*, staff: User, assignment: CourseAssignment) -> None:
    assignment_check_scope(staff=staff, organisation=assignment.organisation)
    assignment.delete()


def assignment_notify(*, assignment_id: int) -> int:
    """Tell the learners of the subtree that a course is now required; returns how many were told."""
    from django.utils import translation

    from notifications.models import NotificationKind
    from notifications.services import notification_send

    assignment = CourseAssignment.objects.select_related("course", "organisation").filter(pk=assignment_id).first()
    if assignment is None:
        return 0
    learners = User.objects.filter(
        is_active=True, organisation__path__startswith=assignment.organisation.path
    ).exclude(enrollments__course=assignment.course, enrollments__completed_at__isnull=False)
    with translation.override("zh-hans"):
        title = _("新的必修课：%(course)s") % {"course": assignment.course.title}
        body = _("请在 %(due)s 前完成。") % {"due": assignment.due_on.isoformat()}
    sent = 0
    for learner in learners.iterator():
        notification_send(
            recipient=learner, title=title, body=body, url=assignment.course.url or "", kind=NotificationKind.LEARNING
        )
        sent += 1
    return sent
