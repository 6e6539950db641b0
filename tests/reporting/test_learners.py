"""Learners: per-person figures, search by name / 工号 / mobile, unit filter, paging, the person page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.selectors import ReportFilters, learners_report, report_filters_default

from .scenario import year_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(learners, course, course2):  # type: ignore[no-untyped-def]
    year_scenario(learners=learners, course=course, course2=course2)


def _filters(staff, **kwargs):  # type: ignore[no-untyped-def]
    default = report_filters_default(staff=staff)
    return ReportFilters(staff=staff, start=default.start, end=default.end, **kwargs)


def test_per_person_figures_for_the_period(people, learners, scenario):  # type: ignore[no-untyped-def]
    rows = {p.real_name: p for p in learners_report(filters=_filters(people["staff_a"]))}
    assert "丙一" not in rows
    first, second, third = rows["甲一"], rows["甲二"], rows["乙一"]
    assert (first.enrolments, first.completed, first.hours, first.points) == (1, 1, Decimal("2.0"), 10)
    # 甲二: course2 enrolled this year; course enrolled last year, completed on 1 January
    assert (second.enrolments, second.completed, second.hours, second.points) == (1, 1, Decimal("2.0"), 13)
    assert (third.enrolments, third.completed, third.hours) == (1, 1, Decimal("2.0"))
    assert rows[people["worker_a"].real_name].enrolments == 0


def test_search_by_name_employee_number_or_mobile_and_unit_filter(people, org_tree, learners, scenario):  # type: ignore[no-untyped-def]
    staff = people["staff_a"]

    def names(**kwargs):  # type: ignore[no-untyped-def]
        return [p.real_name for p in learners_report(filters=_filters(staff, **kwargs))]

    assert names(q="甲一") == ["甲一"]
    assert names(q="zmj-002") == ["甲二"]
    assert names(q="13800000003") == ["乙一"]
    assert names(q="丙一") == []  # 二七区: outside the subtree even when searched for
    assert names(q="YT-001") == []
    in_a2 = names(unit=org_tree["a2"])
    assert in_a2 == ["乙一"]


def test_learners_page_paginates_and_links_people(client, people, learners, scenario):  # type: ignore[no-untyped-def]
    from tests.accounts.factories import UserFactory

    for n in range(55):
        UserFactory(real_name=f"批量{n:02d}", organisation=learners["a2_z"].organisation)
    client.force_login(people["staff_a"])
    first = client.get(reverse("reporting:learners"))
    assert first.status_code == 200
    page = first.context["page"]
    assert page.paginator.count == 8 + 55 and len(page.object_list) == 50
    html = first.content.decode()
    assert reverse("reporting:person", args=[learners["a1_x"].pk]) in html and "page=2" in html
    second = client.get(reverse("reporting:learners"), {"page": 2, "q": "批量"})
    assert second.status_code == 200 and len(second.context["page"].object_list) == 5
    assert client.get(reverse("reporting:learners"), {"page": "abc"}).status_code == 200


def test_person_page_links_the_ledger_audit_and_is_scoped(client, people, learners, scenario):  # type: ignore[no-untyped-def]
    person = learners["a1_y"]
    url = reverse("reporting:person", args=[person.pk])
    client.force_login(people["staff_a"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("learning_person_ledger", args=[person.pk]) in html
    assert reverse("v1:learning-person-ledger", args=[person.pk]) in html
    figures = response.context["figures"]
    assert (figures.enrolments, figures.completed, figures.hours, figures.points) == (1, 1, Decimal("2.0"), 13)
    assert "电工基础" in html and "焊接安全" in html
    # the audit page it links to opens for the same staff member
    assert client.get(reverse("learning_person_ledger", args=[person.pk])).status_code == 200

    client.force_login(people["staff_b"])
    assert client.get(url).status_code == 404
    client.force_login(people["staff_a1"])
    assert client.get(reverse("reporting:person", args=[learners["a2_z"].pk])).status_code == 404
    assert client.get(reverse("reporting:person", args=[999999])).status_code == 404
