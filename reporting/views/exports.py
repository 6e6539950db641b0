"""Excel downloads of the three reports, with the same filters and scope as the pages. The workbook is
written row by row to a temporary file (openpyxl write-only mode) and streamed from there."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import IO

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone

from ..exports import learners_export, overview_export, required_export
from ..selectors import ReportFilters, learners_report, overdue_rows, overview_report, required_report
from .common import filters_from, render_report, reports_access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPOOL_MAX = 8 * 1024 * 1024  # in memory up to 8 MiB, then on disk


def _download(name: str, write: Callable[[IO[bytes]], None]) -> FileResponse:
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX)  # FileResponse closes it
    write(target)
    target.seek(0)
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(target, as_attachment=True, filename=filename, content_type=XLSX)


def _export(request: HttpRequest, template: str, tab: str, name: str,
            write: Callable[[ReportFilters, IO[bytes]], None]) -> HttpResponse:
    form, filters, status = filters_from(request)
    if filters is None:
        return render_report(request, template, tab=tab, form=form, filters=None, status=status)
    return _download(name, lambda target: write(filters, target))


@reports_access
def overview_xlsx(request: HttpRequest) -> HttpResponse:
    def write(filters: ReportFilters, target: IO[bytes]) -> None:
        overview_export(report=overview_report(filters=filters), target=target)

    return _export(request, "reporting/overview.html", "overview", "learning-overview", write)


@reports_access
def required_xlsx(request: HttpRequest) -> HttpResponse:
    def write(filters: ReportFilters, target: IO[bytes]) -> None:
        figures = required_report(filters=filters)
        overdue = overdue_rows(filters=filters, figures=figures)
        required_export(figures=figures, overdue=overdue, target=target)

    return _export(request, "reporting/required.html", "required", "required-courses", write)


@reports_access
def learners_xlsx(request: HttpRequest) -> HttpResponse:
    def write(filters: ReportFilters, target: IO[bytes]) -> None:
        learners_export(learners=learners_report(filters=filters), target=target)

    return _export(request, "reporting/learners.html", "learners", "learners", write)
