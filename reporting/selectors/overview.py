"""The overview: enrolments, completions, completion rate, credit hours (学时) and points per direct child unit
of the report's organisation, each aggregated in SQL over the unit's whole subtree.

Four queries whatever the number of units and people: the child units, then people, enrolments and
ledger entries each grouped by the first ``depth + 1`` steps of the person's organisation path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from learning.models import Enrollment, LedgerEntry
from organisations.models import Organisation

from .scope import STEPLEN, ReportFilters, report_people, scoped


@dataclass
class UnitFigures:
    """One row of the overview: a unit (its whole subtree), the node's own people, or the total."""

    label: str
    organisation: Organisation | None = None
    is_own: bool = False  # people attached to the report's organisation itself, not to a child unit
    people: int = 0
    learners: int = 0
    enrolments: int = 0  # enrolled in the period
    completions: int = 0  # courses completed in the period, whenever enrolled
    cohort_completed: int = 0  # of the period's enrolments, completed by its end
    hours: Decimal = Decimal("0")
    points: int = 0

    @property
    def completion_rate(self) -> float | None:
        """Share of the period's enrolments completed by the end of the period; None without enrolments."""
        return self.cohort_completed / self.enrolments if self.enrolments else None

    @property
    def completion_percent(self) -> float | None:
        rate = self.completion_rate
        return None if rate is None else round(rate * 100, 1)

    @property
    def has_children(self) -> bool:
        return self.organisation is not None and not self.is_own and self.organisation.numchild > 0

    def add(self, other: UnitFigures) -> None:
        self.people += other.people
        self.learners += other.learners
        self.enrolments += other.enrolments
        self.completions += other.completions
        self.cohort_completed += other.cohort_completed
        self.hours += other.hours
        self.points += other.points


@dataclass
class OverviewReport:
    filters: ReportFilters
    node: Organisation | None
    rows: list[UnitFigures] = field(default_factory=list)
    total: UnitFigures = field(default_factory=lambda: UnitFigures(label=_("合计")))


def _child_units(node: Organisation | None) -> QuerySet[Organisation]:
    if node is None:
        return Organisation.get_root_nodes()
    return node.get_children()


def _by_unit(queryset: QuerySet, *, field: str, key_length: int) -> QuerySet:
    """``queryset`` grouped by the unit each row's person belongs to (a path prefix of their organisation)."""
    return queryset.annotate(unit_key=Substr(f"{field}__path", 1, key_length)).values("unit_key").order_by()


def overview_report(*, filters: ReportFilters) -> OverviewReport:
    node = filters.node
    key_length = (node.depth + 1) * STEPLEN if node is not None else STEPLEN
    units = list(_child_units(node))
    report = OverviewReport(filters=filters, node=node)
    rows: dict[str | None, UnitFigures] = {
        unit.path: UnitFigures(label=unit.display_name, organisation=unit) for unit in units
    }
    own = UnitFigures(
        label=_("本级（%(name)s）") % {"name": node.display_name} if node is not None else _("未归属组织"),
        organisation=node, is_own=True,
    )

    def row_for(key: str | None) -> UnitFigures:
        # a child unit's path, else the node's own path or None (a site admin's people without organisation)
        if key in rows:
            return rows[key]
        return own

    people = _by_unit(report_people(filters=filters), field="organisation", key_length=key_length)
    for item in people.annotate(n=Count("pk")):
        row_for(item["unit_key"]).people = item["n"]

    enrolled = Q(enrolled_at__gte=filters.start_at, enrolled_at__lt=filters.end_before)
    completed = Q(completed_at__gte=filters.start_at, completed_at__lt=filters.end_before)
    enrolments = Enrollment.objects.filter(enrolled | completed, user__is_active=True)
    ledger = LedgerEntry.objects.filter(user__is_active=True, day__gte=filters.start, day__lte=filters.end)
    if filters.course is not None:
        enrolments = enrolments.filter(course=filters.course)
        ledger = ledger.filter(course=filters.course)
    enrolments = _by_unit(scoped(enrolments, filters=filters, field="user__organisation"),
                          field="user__organisation", key_length=key_length)
    for item in enrolments.annotate(
        enrolments=Count("pk", filter=enrolled),
        completions=Count("pk", filter=completed),
        cohort_completed=Count("pk", filter=enrolled & Q(completed_at__lt=filters.end_before)),
        learners=Count("user_id", distinct=True),
    ):
        row = row_for(item["unit_key"])
        row.enrolments, row.completions = item["enrolments"], item["completions"]
        row.cohort_completed, row.learners = item["cohort_completed"], item["learners"]

    ledger = _by_unit(scoped(ledger, filters=filters, field="user__organisation"),
                      field="user__organisation", key_length=key_length)
    for item in ledger.annotate(hours=Sum("hours"), points=Sum("points")):
        row = row_for(item["unit_key"])
        row.hours, row.points = item["hours"] or Decimal("0"), item["points"] or 0

    report.rows = [rows[unit.path] for unit in units]
    if own.people or own.enrolments or own.completions or own.hours or own.points:
        report.rows.append(own)
    for row in report.rows:
        report.total.add(row)
    return report
