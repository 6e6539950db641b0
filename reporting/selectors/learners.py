"""Learners: per person, in the period — enrolments, completed courses, credit hours (学时) and points —
for the people of the report's scope, searchable by name, 工号, mobile or username.

One query for a page (plus its count) or for the whole export, whatever the number of people: the figures
are correlated subqueries on the (user, …) indexes of enrolments and ledger entries.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from learning.models import Enrollment, LedgerEntry

from .scope import ReportFilters, report_people


def _per_person(queryset: QuerySet, aggregate: Count | Sum, output_field: IntegerField | DecimalField) -> Subquery:
    grouped = queryset.filter(user=OuterRef("pk")).order_by().values("user").annotate(v=aggregate).values("v")
    return Subquery(grouped, output_field=output_field)


def learners_search(people: QuerySet[User], *, q: str) -> QuerySet[User]:
    q = q.strip()
    if not q:
        return people
    return people.filter(
        Q(real_name__icontains=q) | Q(username__icontains=q) | Q(employee_number__icontains=q) | Q(mobile__contains=q)
    )


def learners_report(*, filters: ReportFilters) -> QuerySet[User]:
    """The people of the scope (and unit), searched, annotated with ``enrolments``, ``completed``,
    ``hours`` and ``points`` for the period (and course); in tree order, then by name."""
    enrolled = Enrollment.objects.filter(enrolled_at__gte=filters.start_at, enrolled_at__lt=filters.end_before)
    completed = Enrollment.objects.filter(
        completed_at__gte=filters.start_at, completed_at__lt=filters.end_before
    )
    ledger = LedgerEntry.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.course is not None:
        enrolled = enrolled.filter(course=filters.course)
        completed = completed.filter(course=filters.course)
        ledger = ledger.filter(course=filters.course)
    integer, decimal = IntegerField(), DecimalField(max_digits=9, decimal_places=1)
    return (
        learners_search(report_people(filters=filters), q=filters.q)
        .select_related("organisation")
        .annotate(
            enrolments=Coalesce(_per_person(enrolled, Count("pk"), integer), Value(0)),
            completed=Coalesce(_per_person(completed, Count("pk"), integer), Value(0)),
            hours=Coalesce(_per_person(ledger, Sum("hours"), decimal), Value(Decimal("0")), output_field=decimal),
            points=Coalesce(_per_person(ledger, Sum("points"), integer), Value(0)),
        )
        .order_by("organisation__path", "real_name", "pk")
    )


def learner_figures(*, filters: ReportFilters, person: User) -> User | None:
    """The person with the same figures as their row in the learners report."""
    unsearched = ReportFilters(
        staff=filters.staff, start=filters.start, end=filters.end, course=filters.course, unit=filters.unit
    )
    return learners_report(filters=unsearched).filter(pk=person.pk).first()
