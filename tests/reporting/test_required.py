"""Required courses: assigned / completed / in progress / overdue per assignment, and who is overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.selectors import ReportFilters, assignment_people_pending, overdue_rows, required_report

from .factories import assignment_create, enrolment_create, local

pytestmark = pytest.mark.django_db


def _span(staff, **kwargs):  # type: ignore[no-untyped-def]
    """A period around today wide enough for past and future due dates."""
    today = timezone.localdate()
    return ReportFilters(staff=staff, start=today - dt.timedelta(days=400), end=today + dt.timedelta(days=400), **kwargs)


@pytest.fixture
def assignments(people, org_tree, course, course2, learners):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    yesterday, next_month = today - dt.timedelta(days=1), today + dt.timedelta(days=30)
    past = assignment_create(course=course, organisation=org_tree["a"], due_on=yesterday)  # 金水区, overdue
    future = assignment_create(course=course2, organisation=org_tree["a1"], due_on=next_month)  # 郑煤机, not due
    city = assignment_create(course=course2, organisation=org_tree["city"], due_on=yesterday)  # from above
    # 甲一 completed course; 甲二 started it; 乙一 did nothing
    enrolment_create(user=learners["a1_x"], course=course, enrolled_at=local(today - dt.timedelta(days=20)),
                     completed_at=local(today - dt.timedelta(days=10)))
    enrolment_create(user=learners["a1_y"], course=course, enrolled_at=local(today - dt.timedelta(days=5)), progress=50)
    enrolment_create(user=learners["a1_x"], course=course2, enrolled_at=local(today - dt.timedelta(days=3)),
                     completed_at=local(today - dt.timedelta(days=2)))
    enrolment_create(user=learners["b1_w"], course=course2, enrolled_at=local(today - dt.timedelta(days=3)),
                     completed_at=local(today - dt.timedelta(days=2)))
    return {"past": past, "future": future, "city": city}


def _by_assignment(figures):  # type: ignore[no-untyped-def]
    return {f.assignment.pk: f for f in figures}


def test_counts_per_assignment_for_district_staff(people, assignments):  # type: ignore[no-untyped-def]
    figures = _by_assignment(required_report(filters=_span(people["staff_a"])))
    assert set(figures) == {assignments["past"].pk, assignments["future"].pk, assignments["city"].pk}
    past = figures[assignments["past"].pk]
    # 金水区 has 8 active people: staff_a, 6 in 郑煤机 (incl. staff_a1 and the studio lead), 乙一 in a2
    assert past.assigned == 8
    assert (past.completed, past.started, past.overdue) == (1, 1, 7)
    assert past.is_past_due and past.completion_percent == pytest.approx(12.5)
    future = figures[assignments["future"].pk]
    assert (future.assigned, future.completed, future.overdue, future.not_completed) == (6, 1, 0, 5)
    # the city's assignment counts 金水区's people only, not 丙一 in 二七区 who completed it
    city = figures[assignments["city"].pk]
    assert (city.assigned, city.completed, city.overdue) == (8, 1, 7)


def test_other_district_and_grassroots_staff(people, assignments):  # type: ignore[no-untyped-def]
    b = _by_assignment(required_report(filters=_span(people["staff_b"])))
    assert set(b) == {assignments["city"].pk}
    assert (b[assignments["city"].pk].assigned, b[assignments["city"].pk].completed) == (3, 1)
    a1 = _by_assignment(required_report(filters=_span(people["staff_a1"])))
    assert set(a1) == {assignments["past"].pk, assignments["future"].pk, assignments["city"].pk}
    assert a1[assignments["past"].pk].assigned == 6  # only 郑煤机's people


def test_overdue_people_are_those_not_completed_after_the_due_date(people, learners, assignments):  # type: ignore[no-untyped-def]
    filters = _span(people["staff_a"])
    pending = list(assignment_people_pending(filters=filters, assignment=assignments["past"]))
    names = [p.real_name for p in pending]
    assert "甲一" not in names and "甲二" in names and "乙一" in names and "丙一" not in names
    second = next(p for p in pending if p.real_name == "甲二")
    assert second.is_enrolled and second.progress_percent == 50
    rows = list(overdue_rows(filters=filters, figures=required_report(filters=filters)))
    past_rows = [r for r in rows if r.figures.assignment.pk == assignments["past"].pk]
    assert sorted(r.person_id for r in past_rows) == sorted(p.pk for p in pending)
    assert not [r for r in rows if r.figures.assignment.pk == assignments["future"].pk]  # not due yet
    city_rows = [r for r in rows if r.figures.assignment.pk == assignments["city"].pk]
    assert "甲一" not in {r.real_name for r in city_rows} and "丙一" not in {r.real_name for r in rows}
    assert len(city_rows) == 7


def test_required_pages_list_counts_and_overdue_people(client, people, assignments):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    period = {"start": (today - dt.timedelta(days=400)).isoformat(), "end": (today + dt.timedelta(days=400)).isoformat()}
    client.force_login(people["staff_a"])
    page = client.get(reverse("reporting:required"), period)
    assert page.status_code == 200
    html = page.content.decode()
    assert "焊接安全" in html and 'data-testid="assignment-row"' in html and "required-chart-data" in html
    detail = client.get(reverse("reporting:required_detail", args=[assignments["past"].pk]), period)
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "逾期未完成人员" in html and "乙一" in html and "甲二" in html and "甲一" not in html
    client.force_login(people["staff_b"])
    assert client.get(reverse("reporting:required_detail", args=[assignments["past"].pk]), period).status_code == 404


def test_required_report_takes_one_query_whatever_the_size(people, org_tree, course, assignments, django_assert_num_queries):  # type: ignore[no-untyped-def]
    from tests.accounts.factories import UserFactory
    from tests.organisations.factories import OrganisationFactory

    filters = _span(people["staff_a"])
    with django_assert_num_queries(1):
        small = required_report(filters=filters)
    for n in range(5):
        unit = OrganisationFactory(name=f"新企业{n}", code=f"new-{n}", kind="enterprise", parent=org_tree["a"])
        for _m in range(4):
            UserFactory(organisation=unit)
    assignment_create(course=course, organisation=org_tree["a2"], due_on=timezone.localdate())
    with django_assert_num_queries(1):
        large = required_report(filters=filters)
    assert len(large) == len(small) + 1
    assert _by_assignment(large)[assignments["past"].pk].assigned == 8 + 20
    with django_assert_num_queries(2):
        list(overdue_rows(filters=filters, figures=large))
