"""The overview: figures per direct child unit of the staff member's organisation, drill-down, filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.selectors import ReportFilters, overview_report, report_filters_default

from .factories import this_year
from .scenario import year_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(learners, course, course2):  # type: ignore[no-untyped-def]
    year_scenario(learners=learners, course=course, course2=course2)


def _rows(report):  # type: ignore[no-untyped-def]
    return {row.label: row for row in report.rows}


def test_district_staff_see_their_units_with_figures_from_sql(people, org_tree, scenario):  # type: ignore[no-untyped-def]
    report = overview_report(filters=report_filters_default(staff=people["staff_a"]))
    rows = _rows(report)
    a1, a2 = rows["郑州煤矿机械集团"], rows["金水区第二企业"]
    own = rows["本级（金水区总工会）"]
    assert list(rows) == ["郑州煤矿机械集团", "金水区第二企业", "本级（金水区总工会）"]
    # a1: master_a, worker_a, staff_a1, the studio's lead and the two learners
    assert (a1.people, a1.learners, a1.enrolments, a1.completions) == (6, 2, 2, 2)
    assert a1.cohort_completed == 1 and a1.completion_percent == 50.0  # 甲二's course2 is open
    assert (a1.hours, a1.points) == (Decimal("4.0"), 23)
    assert (a2.people, a2.enrolments, a2.completions, a2.completion_percent) == (1, 1, 1, 100.0)
    assert (a2.hours, a2.points) == (Decimal("2.0"), 10)
    assert (own.people, own.enrolments, own.completion_rate) == (1, 0, None)  # staff_a
    total = report.total
    assert (total.people, total.enrolments, total.completions, total.hours, total.points) == (8, 3, 3, Decimal("6.0"), 33)
    assert total.completion_percent == pytest.approx(66.7)


def test_city_staff_see_districts_and_site_admin_sees_the_top(people, org_tree, scenario):  # type: ignore[no-untyped-def]
    rows = _rows(overview_report(filters=report_filters_default(staff=people["city_staff"])))
    assert rows["金水区总工会"].hours == Decimal("6.0") and rows["二七区总工会"].hours == Decimal("3.5")
    assert rows["二七区总工会"].people == 3  # staff_b, master_b, 丙一
    admin = overview_report(filters=report_filters_default(staff=people["admin"]))
    top = _rows(admin)
    assert top["郑州市总工会"].hours == Decimal("9.5") and top["郑州市总工会"].people == 12
    assert top["未归属组织"].people == 1  # the site admin account itself


def test_course_and_period_filters(people, org_tree, course2, scenario):  # type: ignore[no-untyped-def]
    staff = people["staff_a"]
    start, end = report_filters_default(staff=staff).start, report_filters_default(staff=staff).end
    by_course = _rows(overview_report(filters=ReportFilters(staff=staff, start=start, end=end, course=course2)))
    a1 = by_course["郑州煤矿机械集团"]
    assert (a1.enrolments, a1.completions, a1.hours, a1.points) == (1, 0, Decimal("0"), 3)
    assert by_course["金水区第二企业"].enrolments == 0

    new_year = dt.date(this_year().year, 1, 1)
    first_day = _rows(overview_report(filters=ReportFilters(staff=staff, start=new_year, end=new_year)))
    a1 = first_day["郑州煤矿机械集团"]
    assert (a1.enrolments, a1.completions, a1.hours) == (0, 1, Decimal("2.0"))  # completed 00:30 Beijing time
    eve = new_year - dt.timedelta(days=1)
    last_day = _rows(overview_report(filters=ReportFilters(staff=staff, start=eve, end=eve)))
    assert last_day["郑州煤矿机械集团"].enrolments == 1  # enrolled 23:30 Beijing time = 15:30 UTC


def test_drill_down_into_a_unit_and_never_outside_the_subtree(client, people, org_tree, scenario):  # type: ignore[no-untyped-def]
    client.force_login(people["city_staff"])
    page = client.get(reverse("reporting:overview"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'unit={org_tree["a"].pk}' in html and 'data-testid="drill-down"' in html
    drilled = client.get(reverse("reporting:overview"), {"unit": org_tree["a"].pk})
    assert drilled.status_code == 200
    assert "郑州煤矿机械集团" in drilled.content.decode()
    assert [row.label for row in drilled.context["report"].rows][:2] == ["郑州煤矿机械集团", "金水区第二企业"]

    client.force_login(people["staff_a"])
    for foreign in (org_tree["b"], org_tree["b1"], org_tree["city"]):
        response = client.get(reverse("reporting:overview"), {"unit": foreign.pk})
        assert response.status_code == 404
        assert "所选单位不存在，或不在您的管辖范围内。" in response.content.decode()
        assert "丙一" not in response.content.decode()


def test_grassroots_staff_see_only_their_own_unit(client, people, org_tree, scenario):  # type: ignore[no-untyped-def]
    report = overview_report(filters=report_filters_default(staff=people["staff_a1"]))
    assert [row.label for row in report.rows] == ["本级（郑州煤矿机械集团）"]
    assert report.total.hours == Decimal("4.0")
    client.force_login(people["staff_a1"])
    assert client.get(reverse("reporting:overview"), {"unit": org_tree["a"].pk}).status_code == 404
    assert client.get(reverse("reporting:overview"), {"unit": org_tree["a2"].pk}).status_code == 404
    assert client.get(reverse("reporting:overview"), {"unit": org_tree["a1"].pk}).status_code == 200
