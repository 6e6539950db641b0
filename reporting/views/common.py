"""What every report page and export shares: who may open it, and the validated filters."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ..forms import ReportFilterForm
from ..selectors import ReportFilters, report_breadcrumbs

View = Callable[..., HttpResponse]


def reports_access(view: View) -> View:
    """Signed-in union staff and site admins; everyone else signed in gets 403 with a Chinese message."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("reporting.view_reports"):
            return render(request, "reporting/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def filters_from(request: HttpRequest) -> tuple[ReportFilterForm, ReportFilters | None, int]:
    """The bound filter form, its filters when valid, and the status to answer with: 400 for bad input,
    404 for a unit that is unknown or outside the staff member's subtree."""
    form = ReportFilterForm(request.GET, staff=request.user)
    if form.is_valid():
        return form, form.filters(), 200
    return form, None, 404 if form.unit_not_found else 400


def render_report(
    request: HttpRequest, template: str, *, tab: str, form: ReportFilterForm, filters: ReportFilters | None,
    status: int, **context: Any,
) -> HttpResponse:
    context.setdefault("export_url", reverse(f"reporting:{tab}_xlsx"))
    context.update(
        tab=tab, form=form, filters=filters, query=_query(request),
        breadcrumbs=report_breadcrumbs(filters=filters) if filters is not None else [],
    )
    return render(request, template, context, status=status)


def _query(request: HttpRequest) -> str:
    """The filters as a query string (without the page number), for links that keep them."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
