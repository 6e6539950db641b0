"""Excel exports of the three reports (Chinese headers, widths, frozen header row). Each writer takes the
selectors' results and writes one workbook to a binary file; the views stream that file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User

from .selectors import AssignmentFigures, OverdueRow, OverviewReport
from .xlsx import Column, Sheet, workbook_write

EXPORT_CHUNK = 2000  # rows fetched per round trip by the learners export (server-side cursor)


def overview_export(*, report: OverviewReport, target: IO[bytes]) -> None:
    columns = [
        Column(_("单位"), 30), Column(_("人数"), 10), Column(_("参学人数"), 10), Column(_("报名人次"), 10),
        Column(_("完成人次"), 10), Column(_("完成率"), 10, "0.0%"), Column(_("学时"), 10, "0.0"),
        Column(_("积分"), 10),
    ]

    def rows() -> Iterator[list[Any]]:
        for row in [*report.rows, report.total]:
            yield [row.label, row.people, row.learners, row.enrolments, row.completions, row.completion_rate,
                   row.hours, row.points]

    workbook_write(target, [Sheet(_("学习概况"), columns, rows())])


def required_export(
    *, figures: list[AssignmentFigures], overdue: Iterable[OverdueRow], target: IO[bytes]
) -> None:
    summary = [
        Column(_("课程"), 30), Column(_("指派单位"), 24), Column(_("截止日期"), 12), Column(_("应学人数"), 10),
        Column(_("已完成"), 10), Column(_("学习中"), 10), Column(_("逾期未完成"), 12), Column(_("完成率"), 10, "0.0%"),
    ]
    summary_rows = (
        [f.assignment.course.title, f.assignment.organisation.name, f.assignment.due_on, f.assigned, f.completed,
         f.started, f.overdue, (f.completed / f.assigned) if f.assigned else None]
        for f in figures
    )
    people = [
        Column(_("课程"), 30), Column(_("指派单位"), 24), Column(_("截止日期"), 12), Column(_("姓名"), 12),
        Column(_("工号"), 14), Column(_("手机号"), 14), Column(_("所属单位"), 28), Column(_("是否报名"), 10),
        Column(_("进度（%）"), 10),
    ]
    people_rows = (
        [row.figures.assignment.course.title, row.figures.assignment.organisation.name,
         row.figures.assignment.due_on, row.real_name or row.username, row.employee_number, row.mobile, row.unit,
         _("是") if row.is_enrolled else _("否"), row.progress_percent]
        for row in overdue
    )
    workbook_write(target, [Sheet(_("必修课完成情况"), summary, summary_rows), Sheet(_("逾期人员"), people, people_rows)])


def learners_export(*, learners: QuerySet[User], target: IO[bytes]) -> None:
    columns = [
        Column(_("姓名"), 12), Column(_("用户名"), 16), Column(_("工号"), 14), Column(_("手机号"), 14),
        Column(_("所属单位"), 30), Column(_("报名课程"), 10), Column(_("完成课程"), 10), Column(_("学时"), 10),
        Column(_("积分"), 10),
    ]
    values = learners.values_list(
        "real_name", "username", "employee_number", "mobile", "organisation__name", "enrolments", "completed",
        "hours", "points",
    )
    rows = (
        [real_name or username, username, number, mobile or "", unit or "", enrolments, completed, hours, points]
        for real_name, username, number, mobile, unit, enrolments, completed, hours, points in values.iterator(
            chunk_size=EXPORT_CHUNK
        )
    )
    workbook_write(target, [Sheet(_("学员学习情况"), columns, rows)])
