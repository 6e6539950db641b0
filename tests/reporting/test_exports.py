"""Excel exports, opened back with openpyxl: Chinese headers, widths, frozen header row, scoped rows."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from .factories import assignment_create, enrolment_create, local
from .scenario import year_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(learners, course, course2):  # type: ignore[no-untyped-def]
    year_scenario(learners=learners, course=course, course2=course2)


def _workbook(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_overview_export(client, people, scenario):  # type: ignore[no-untyped-def]
    client.force_login(people["staff_a"])
    book = _workbook(client.get(reverse("reporting:overview_xlsx")))
    sheet = book["学习概况"]
    rows = list(sheet.values)
    assert rows[0] == ("单位", "人数", "参学人数", "报名人次", "完成人次", "完成率", "学时", "积分")
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 30
    assert rows[0] and sheet["A1"].font.bold
    a1 = next(r for r in rows if r[0] == "郑州煤矿机械集团")
    assert a1[1:5] == (6, 2, 2, 2) and a1[5] == pytest.approx(0.5) and float(a1[6]) == 2 * 2.0 and a1[7] == 23
    assert sheet.cell(row=rows.index(a1) + 1, column=6).number_format == "0.0%"
    assert rows[-1][0] == "合计" and rows[-1][3] == 3
    assert "二七区总工会" not in [r[0] for r in rows]


def test_learners_export_is_scoped_and_filtered(client, people, learners, scenario):  # type: ignore[no-untyped-def]
    client.force_login(people["staff_a"])
    book = _workbook(client.get(reverse("reporting:learners_xlsx"), {"q": "甲"}))
    sheet = book["学员学习情况"]
    rows = list(sheet.values)
    assert rows[0] == ("姓名", "用户名", "工号", "手机号", "所属单位", "报名课程", "完成课程", "学时", "积分")
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["E"].width == 30
    assert [r[0] for r in rows[1:]] == ["甲一", "甲二"]
    second = rows[2]
    assert second[2:5] == ("ZMJ-002", "13800000002", "郑州煤矿机械集团")
    assert second[5:7] == (1, 1) and float(second[7]) == 2.0 and second[8] == 13
    everyone = [r[0] for r in list(_workbook(client.get(reverse("reporting:learners_xlsx"))).active.values)[1:]]
    assert "丙一" not in everyone and "乙一" in everyone and len(everyone) == 8


def test_required_export_lists_overdue_people(client, people, org_tree, course, learners):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    assignment_create(course=course, organisation=org_tree["a1"], due_on=today - dt.timedelta(days=1))
    enrolment_create(user=learners["a1_y"], course=course, enrolled_at=local(today - dt.timedelta(days=9)), progress=30)
    enrolment_create(user=learners["a1_x"], course=course, enrolled_at=local(today - dt.timedelta(days=9)),
                     completed_at=local(today - dt.timedelta(days=2)))
    client.force_login(people["staff_a"])
    period = {"start": (today - dt.timedelta(days=60)).isoformat(), "end": today.isoformat()}
    book = _workbook(client.get(reverse("reporting:required_xlsx"), period))
    assert book.sheetnames == ["必修课完成情况", "逾期人员"]
    summary = list(book["必修课完成情况"].values)
    assert summary[0][:7] == ("课程", "指派单位", "截止日期", "应学人数", "已完成", "学习中", "逾期未完成")
    assert summary[1][0] == "焊接安全" and summary[1][3:7] == (6, 1, 1, 5)
    overdue = list(book["逾期人员"].values)
    assert overdue[0] == ("课程", "指派单位", "截止日期", "姓名", "工号", "手机号", "所属单位", "是否报名", "进度（%）")
    names = {r[3]: r for r in overdue[1:]}
    assert "甲一" not in names and len(names) == 5
    assert names["甲二"][7:] == ("是", 30) and names[people["worker_a"].real_name][7:] == ("否", 0)
    assert book["逾期人员"].freeze_panes == "A2"


def test_exports_refuse_bad_input_and_foreign_units(client, people, org_tree):  # type: ignore[no-untyped-def]
    client.force_login(people["staff_a"])
    bad = client.get(reverse("reporting:learners_xlsx"), {"start": "2026-02-30"})
    assert bad.status_code == 400 and "开始日期无效" in bad.content.decode()
    foreign = client.get(reverse("reporting:overview_xlsx"), {"unit": org_tree["b"].pk})
    assert foreign.status_code == 404 and "所选单位不存在" in foreign.content.decode()
    client.force_login(people["worker_a"])
    assert client.get(reverse("reporting:required_xlsx")).status_code == 403
