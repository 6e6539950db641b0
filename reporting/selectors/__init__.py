"""Reads of the learning reports, aggregated in SQL and scoped to the staff member's subtree."""

from .learners import learner_figures, learners_report
from .overview import OverviewReport, UnitFigures, overview_report
from .required import (
    AssignmentFigures,
    OverdueRow,
    assignment_people_pending,
    overdue_rows,
    required_assignment_get,
    required_report,
)
from .scope import (
    ReportFilters,
    report_breadcrumbs,
    report_courses,
    report_filters_default,
    report_people,
    report_person_get,
    report_unit_get,
    report_units,
    year_bounds,
)

__all__ = [
    "AssignmentFigures",
    "OverdueRow",
    "OverviewReport",
    "ReportFilters",
    "UnitFigures",
    "assignment_people_pending",
    "learner_figures",
    "learners_report",
    "overdue_rows",
    "overview_report",
    "report_breadcrumbs",
    "report_courses",
    "report_filters_default",
    "report_people",
    "report_person_get",
    "report_unit_get",
    "report_units",
    "required_assignment_get",
    "required_report",
    "year_bounds",
]
