"""What a report covers: the staff member's subtree (through ``organisations.selectors.scope_for_user``, the
project's one scoping rule), narrowed to a unit, a course and a period of local (Asia/Shanghai) days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from learning.models import CoursePage
from organisations.models import Organisation
from organisations.selectors import organisations_for_user, scope_for_user

STEPLEN = Organisation.steplen


def ancestor_paths(path: str) -> list[str]:
    """Paths of the node's ancestors and of the node itself, from the top down."""
    return [path[:end] for end in range(STEPLEN, len(path) + 1, STEPLEN)]


def year_bounds(*, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """1 January – 31 December of the current calendar year (Asia/Shanghai)."""
    today = today or timezone.localdate()
    return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)


def day_start(day: dt.date) -> dt.datetime:
    """Local midnight at the start of ``day`` as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class ReportFilters:
    """A report's filters, already validated and resolved within the staff member's scope."""

    staff: User
    start: dt.date
    end: dt.date
    course: CoursePage | None = None
    unit: Organisation | None = None
    q: str = ""

    @property
    def start_at(self) -> dt.datetime:
        return day_start(self.start)

    @property
    def end_before(self) -> dt.datetime:
        """The first moment after the period (the end day is included)."""
        return day_start(self.end + dt.timedelta(days=1))

    @property
    def node(self) -> Organisation | None:
        """The organisation the report is about: the chosen unit, else the staff member's own
        organisation; None for a site admin looking at the whole tree."""
        if self.unit is not None:
            return self.unit
        return None if self.staff.is_superuser else self.staff.organisation


def report_filters_default(*, staff: User) -> ReportFilters:
    start, end = year_bounds()
    return ReportFilters(staff=staff, start=start, end=end)


def scoped(queryset: QuerySet, *, filters: ReportFilters, field: str) -> QuerySet:
    """``queryset`` limited to the staff member's subtree, then to the chosen unit's subtree.

    ``field`` is the path to an Organisation (``"organisation"``, ``"user__organisation"``).
    """
    queryset = scope_for_user(queryset, user=filters.staff, field=field)
    if filters.unit is not None:
        queryset = queryset.filter(**{f"{field}__path__startswith": filters.unit.path})
    return queryset


def report_people(*, filters: ReportFilters) -> QuerySet[User]:
    """Active accounts of the staff member's subtree (narrowed to the unit): the people reports count."""
    return scoped(User.objects.filter(is_active=True), filters=filters, field="organisation")


def report_units(*, staff: User) -> QuerySet[Organisation]:
    """Every unit the staff member may report on, in tree order."""
    return organisations_for_user(user=staff).order_by("path")


def report_unit_get(*, staff: User, unit_id: int) -> Organisation | None:
    """The unit when it is inside the staff member's subtree, else None (unknown and foreign alike)."""
    return report_units(staff=staff).filter(pk=unit_id).first()


def report_person_get(*, staff: User, person_id: int) -> User | None:
    people = scope_for_user(User.objects.filter(is_active=True), user=staff)
    return people.select_related("organisation").filter(pk=person_id).first()


def report_courses() -> QuerySet[CoursePage]:
    """Courses a report can be narrowed to: the live catalogue, by title."""
    return CoursePage.objects.live().order_by("title", "pk")


def report_breadcrumbs(*, filters: ReportFilters) -> list[Organisation]:
    """From the staff member's own organisation (or the top, for a site admin) down to the unit."""
    unit = filters.unit
    if unit is None:
        return []
    nodes = report_units(staff=filters.staff).filter(path__in=ancestor_paths(unit.path))
    return list(nodes)

