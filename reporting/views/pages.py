"""The 学习报表 pages (thin callers of reporting.selectors): overview by unit, required courses, learners and
one person. Every figure is limited to the staff member's subtree."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.selectors import my_learning

from ..selectors import (
    ReportFilters,
    assignment_people_pending,
    learner_figures,
    learners_report,
    overview_report,
    report_person_get,
    required_assignment_get,
    required_report,
)
from .common import filters_from, render_report, reports_access

PAGE_SIZE = 50


def _without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in ("page", *names):
        params.pop(name, None)
    return params.urlencode()


def _chart(report: Any) -> dict[str, Any]:
    rows = report.rows
    return {
        "labels": [row.label for row in rows],
        "rates": [row.completion_percent for row in rows],
        "hours": [float(row.hours) for row in rows],
        "rateName": _("完成率（%）"),
        "hoursName": _("学时"),
    }


@reports_access
def overview(request: HttpRequest) -> HttpResponse:
    form, filters, status = filters_from(request)
    context: dict[str, Any] = {"unit_query": _without(request, "unit")}
    if filters is not None:
        report = overview_report(filters=filters)
        context.update(report=report, chart=_chart(report))
    return render_report(request, "reporting/overview.html", tab="overview", form=form, filters=filters,
                         status=status, **context)


@reports_access
def required(request: HttpRequest) -> HttpResponse:
    form, filters, status = filters_from(request)
    context: dict[str, Any] = {}
    if filters is not None:
        figures = required_report(filters=filters)
        context.update(
            figures=figures,
            chart={
                "labels": [f.assignment.course.title for f in figures],
                "completed": [f.completed for f in figures],
                "overdue": [f.overdue for f in figures],
                "pending": [f.not_completed - f.overdue for f in figures],
                "names": [_("已完成"), _("逾期未完成"), _("未到期未完成")],
            },
        )
    return render_report(request, "reporting/required.html", tab="required", form=form, filters=filters,
                         status=status, **context)


@reports_access
def required_detail(request: HttpRequest, assignment_id: int) -> HttpResponse:
    form, filters, status = filters_from(request)
    context: dict[str, Any] = {}
    if filters is not None:
        assignment = required_assignment_get(filters=filters, assignment_id=assignment_id)
        if assignment is None:
            raise Http404(_("该必修课指派不存在，或不在您的管辖范围内。"))
        pending = assignment_people_pending(filters=filters, assignment=assignment)
        page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(assignment=assignment, page=page, is_past_due=assignment.due_on < timezone.localdate())
    return render_report(request, "reporting/required_detail.html", tab="required", form=form, filters=filters,
                         status=status, **context)


@reports_access
def learners(request: HttpRequest) -> HttpResponse:
    form, filters, status = filters_from(request)
    context: dict[str, Any] = {}
    if filters is not None:
        page = Paginator(learners_report(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(page=page)
    return render_report(request, "reporting/learners.html", tab="learners", form=form, filters=filters,
                         status=status, **context)


@reports_access
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    form, filters, status = filters_from(request)
    person = report_person_get(staff=request.user, person_id=person_id)
    if person is None or not request.user.has_perm("reporting.view_person_report", person):
        raise Http404(_("此人不存在，或不在您的管辖范围内。"))
    context: dict[str, Any] = {"person": person, "export_url": None}
    if filters is not None:
        own = ReportFilters(staff=filters.staff, start=filters.start, end=filters.end, course=filters.course)
        context.update(
            figures=learner_figures(filters=own, person=person),
            learning=my_learning(user=person),
            ledger_audit_url=reverse("learning_person_ledger", args=[person.pk]),
            ledger_api_url=reverse("v1:learning-person-ledger", args=[person.pk]),
        )
    return render_report(request, "reporting/person.html", tab="learners", form=form, filters=filters,
                         status=status, **context)
