"""Required courses (必修): per assignment, how many people it applies to within the report's scope, how many
completed, how many are overdue (due date passed, not completed), and who they are.

An assignment to an organisation applies to every active person of its subtree. A staff member sees the
assignments made inside their subtree and those made above it (which apply to their people too), counted
over their own people only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from learning.models import CourseAssignment, Enrollment
from organisations.models import Organisation

from .scope import ReportFilters, ancestor_paths, report_people, scoped


@dataclass
class AssignmentFigures:
    assignment: CourseAssignment
    assigned: int
    completed: int
    started: int
    today: dt.date

    @property
    def is_past_due(self) -> bool:
        return self.assignment.due_on < self.today

    @property
    def not_completed(self) -> int:
        return self.assigned - self.completed

    @property
    def overdue(self) -> int:
        return self.not_completed if self.is_past_due else 0

    @property
    def completion_percent(self) -> float | None:
        return round(100 * self.completed / self.assigned, 1) if self.assigned else None


def _count(queryset: QuerySet) -> Coalesce:
    """COUNT(*) of ``queryset`` as a scalar subquery (no GROUP BY)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
    return Coalesce(Subquery(counted.values("n")[:1]), Value(0))


def visible_assignments(*, filters: ReportFilters, due_in_period: bool = True) -> QuerySet[CourseAssignment]:
    """Assignments of live courses that apply to people of the report's organisation (due in the period)."""
    node = filters.node
    assignments = CourseAssignment.objects.filter(course__live=True).select_related("course", "organisation")
    if due_in_period:
        assignments = assignments.filter(due_on__gte=filters.start, due_on__lte=filters.end)
    if node is not None:
        assignments = assignments.filter(
            Q(organisation__path__startswith=node.path) | Q(organisation__path__in=ancestor_paths(node.path))
        )
    if filters.course is not None:
        assignments = assignments.filter(course=filters.course)
    return assignments


def _target_path(*, filters: ReportFilters) -> Case | F:
    """The subtree the assignment's figures cover: the deeper of the assignment's organisation and the node."""
    node = filters.node
    if node is None:
        return F("organisation__path")
    return Case(
        When(organisation__path__startswith=node.path, then=F("organisation__path")),
        default=Value(node.path),
        output_field=CharField(),
    )


def required_report(*, filters: ReportFilters, today: dt.date | None = None) -> list[AssignmentFigures]:
    """One query whatever the number of assignments, units and people."""
    today = today or timezone.localdate()
    people = report_people(filters=filters).filter(organisation__path__startswith=OuterRef("target_path"))

    def enrolled(*, completed: bool) -> QuerySet[User]:
        # one filter() call: both conditions on the same enrolment row (unique per person and course)
        return people.filter(enrollments__course_id=OuterRef("course_id"),
                             enrollments__completed_at__isnull=not completed)

    assignments = (
        visible_assignments(filters=filters)
        .annotate(target_path=_target_path(filters=filters))
        .annotate(
            assigned=_count(people),
            completed=_count(enrolled(completed=True)),
            started=_count(enrolled(completed=False)),
        )
        .order_by("due_on", "course__title", "organisation__path", "pk")
    )
    return [
        AssignmentFigures(assignment=a, assigned=a.assigned, completed=a.completed, started=a.started, today=today)
        for a in assignments
    ]


def required_assignment_get(*, filters: ReportFilters, assignment_id: int) -> CourseAssignment | None:
    """The assignment when it applies to people of the report's scope (whatever its due date), else None."""
    return visible_assignments(filters=filters, due_in_period=False).filter(pk=assignment_id).first()


def _target(*, assignment: CourseAssignment, node: Organisation | None) -> str:
    organisation = assignment.organisation
    if node is None or organisation.path.startswith(node.path):
        return organisation.path
    return node.path


def assignment_people_pending(*, filters: ReportFilters, assignment: CourseAssignment) -> QuerySet[User]:
    """People the assignment applies to who have not completed the course (overdue once it is past due),
    with their progress; in tree order, then by name."""
    enrolment = Enrollment.objects.filter(user=OuterRef("pk"), course_id=assignment.course_id)
    return (
        report_people(filters=filters)
        .filter(organisation__path__startswith=_target(assignment=assignment, node=filters.node))
        .exclude(Exists(enrolment.filter(completed_at__isnull=False)))
        .annotate(
            is_enrolled=Exists(enrolment),
            progress_percent=Coalesce(Subquery(enrolment.values("progress_percent")[:1]), Value(0)),
        )
        .select_related("organisation")
        .order_by("organisation__path", "real_name", "pk")
    )


@dataclass(frozen=True)
class OverdueRow:
    figures: AssignmentFigures
    person_id: int
    real_name: str
    username: str
    employee_number: str
    mobile: str
    unit: str
    is_enrolled: bool
    progress_percent: int


def overdue_rows(*, filters: ReportFilters, figures: list[AssignmentFigures]) -> Iterator[OverdueRow]:
    """Everyone overdue on every past-due assignment of ``figures``, in two queries: the people of the scope
    and their enrolments in those courses, joined here (an assignment covers a subtree: a path prefix)."""
    due = [f for f in figures if f.overdue]
    if not due:
        return
    people = list(
        report_people(filters=filters)
        .exclude(organisation=None)
        .order_by("organisation__path", "real_name", "pk")
        .values_list("pk", "real_name", "username", "employee_number", "mobile", "organisation__path",
                     "organisation__name")
    )
    enrolments = scoped(
        Enrollment.objects.filter(course_id__in={f.assignment.course_id for f in due}),
        filters=filters, field="user__organisation",
    ).values_list("user_id", "course_id", "progress_percent", "completed_at")
    progress = {(user_id, course_id): (percent, done) for user_id, course_id, percent, done in enrolments}
    for item in due:
        target = _target(assignment=item.assignment, node=filters.node)
        for pk, real_name, username, employee_number, mobile, path, unit in people:
            if not path.startswith(target):
                continue
            percent, done = progress.get((pk, item.assignment.course_id), (None, None))
            if done is not None:
                continue
            yield OverdueRow(
                figures=item, person_id=pk, real_name=real_name, username=username,
                employee_number=employee_number, mobile=mobile or "", unit=unit,
                is_enrolled=percent is not None, progress_percent=percent or 0,
            )
