"""The reports' filters (period, course, unit, search), validated once for the pages, the exports and the API.

A unit outside the staff member's subtree is reported exactly like an unknown one (code ``not_found``: the
views answer 404), so the form never tells whether a foreign unit exists.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from learning.models import CoursePage
from organisations.models import Organisation

from .selectors import ReportFilters, report_courses, report_unit_get, report_units, year_bounds

DATE_HELP = _("格式：2026-01-31")


class ReportFilterForm(forms.Form):
    start = forms.DateField(
        label=_("开始日期"), required=False, help_text=DATE_HELP,
        error_messages={"invalid": _("开始日期无效，请按 2026-01-31 的格式填写。")},
    )
    end = forms.DateField(
        label=_("结束日期"), required=False, help_text=DATE_HELP,
        error_messages={"invalid": _("结束日期无效，请按 2026-12-31 的格式填写。")},
    )
    course = forms.IntegerField(
        label=_("课程"), required=False, min_value=1,
        error_messages={"invalid": _("所选课程无效。"), "min_value": _("所选课程无效。")},
    )
    unit = forms.IntegerField(
        label=_("单位"), required=False, min_value=1,
        error_messages={"invalid": _("所选单位无效。"), "min_value": _("所选单位无效。")},
    )
    q = forms.CharField(
        label=_("姓名 / 工号 / 手机号"), required=False, max_length=60,
        error_messages={"max_length": _("搜索词不能超过 %(limit_value)d 个字。")},
    )

    def __init__(self, data: Any = None, *, staff: User, **kwargs: Any) -> None:
        super().__init__(data if data is not None else {}, **kwargs)
        self.staff = staff

    def clean_course(self) -> CoursePage | None:
        course_id = self.cleaned_data.get("course")
        if course_id is None:
            return None
        course = report_courses().filter(pk=course_id).first()
        if course is None:
            raise forms.ValidationError(_("所选课程不存在或尚未发布。"), code="not_found")
        return course

    def clean_unit(self) -> Organisation | None:
        unit_id = self.cleaned_data.get("unit")
        if unit_id is None:
            return None
        unit = report_unit_get(staff=self.staff, unit_id=unit_id)
        if unit is None:
            raise forms.ValidationError(_("所选单位不存在，或不在您的管辖范围内。"), code="not_found")
        return unit

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = year_bounds()
        start, end = data.get("start") or first, data.get("end") or last
        if "start" not in self.errors and "end" not in self.errors and start > end:
            self.add_error("end", forms.ValidationError(_("结束日期不能早于开始日期。"), code="order"))
        data["start"], data["end"] = start, end
        return data

    @property
    def unit_not_found(self) -> bool:
        return self.has_error("unit", "not_found")

    def filters(self) -> ReportFilters:
        data = self.cleaned_data
        return ReportFilters(
            staff=self.staff, start=data["start"], end=data["end"], course=data.get("course"),
            unit=data.get("unit"), q=(data.get("q") or "").strip(),
        )

    # --- choices for the page's selects (queried only when a page renders them) ---------------------

    @cached_property
    def course_options(self) -> list[tuple[int, str]]:
        return list(report_courses().values_list("pk", "title"))

    @cached_property
    def unit_options(self) -> list[tuple[int, str]]:
        units = list(report_units(staff=self.staff).values_list("pk", "name", "depth"))
        top = min((depth for _pk, _name, depth in units), default=1)
        return [(pk, "\u3000" * (depth - top) + name) for pk, name, depth in units]
