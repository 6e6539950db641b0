"""Who may open the reports: union staff of some organisation and site admins; workers and masters get 403."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PAGES = ["reporting:overview", "reporting:required", "reporting:learners", "reporting:overview_xlsx",
         "reporting:required_xlsx", "reporting:learners_xlsx"]
API = ["v1:reports-overview", "v1:reports-required", "v1:reports-learners"]


@pytest.mark.parametrize("role", ["worker_a", "master_a"])
def test_workers_and_masters_get_403_everywhere(client, people, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert "只有工会干部和平台管理员可以查看学习报表。" in response.content.decode()
    assert client.get(reverse("reporting:person", args=[people["worker_a"].pk])).status_code == 403
    api = APIClient()
    api.force_authenticate(people[role])
    for name in API:
        response = api.get(reverse(name))
        assert response.status_code == 403, name
        assert response.json()["detail"] == "只有工会干部和平台管理员可以查看学习报表。"


def test_anonymous_visitors_are_sent_to_log_in(client):  # type: ignore[no-untyped-def]
    response = client.get(reverse("reporting:overview"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert APIClient().get(reverse("v1:reports-overview")).status_code == 401


@pytest.mark.parametrize("role", ["admin", "city_staff", "staff_a", "staff_a1"])
def test_staff_and_admins_open_every_report(client, people, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200, name


def test_union_staff_without_organisation_cannot(client, people):  # type: ignore[no-untyped-def]
    from accounts.models import Role
    from tests.accounts.factories import UserFactory

    orphan = UserFactory(role=Role.UNION_STAFF, organisation=None)
    client.force_login(orphan)
    assert client.get(reverse("reporting:overview")).status_code == 403


def test_header_link_only_for_those_who_may_see_reports(client, people, site_pages):  # type: ignore[no-untyped-def]
    link = 'data-testid="reports-link"'
    for role, shown in [("staff_a", True), ("admin", True), ("worker_a", False), ("master_a", False)]:
        client.force_login(people[role])
        html = client.get(reverse("learning:my_learning")).content.decode()
        assert (link in html) is shown, role
        if shown:
            assert f'href="{reverse("reporting:overview")}"' in html and "学习报表" in html


def test_district_staff_cannot_reach_another_districts_people_or_assignments(client, people, org_tree, course):  # type: ignore[no-untyped-def]
    import datetime as dt

    from .factories import assignment_create

    theirs = assignment_create(course=course, organisation=org_tree["b1"], due_on=dt.date.today())
    client.force_login(people["staff_a"])
    assert client.get(reverse("reporting:person", args=[people["master_b"].pk])).status_code == 404
    assert client.get(reverse("reporting:required_detail", args=[theirs.pk])).status_code == 404
    for name in ("reporting:learners", "reporting:required", "reporting:learners_xlsx"):
        assert client.get(reverse(name), {"unit": org_tree["b1"].pk}).status_code == 404
    api = APIClient()
    api.force_authenticate(people["staff_a"])
    assert api.get(reverse("v1:reports-required-pending", args=[theirs.pk])).status_code == 404
    assert api.get(reverse("v1:reports-learners"), {"unit": org_tree["b"].pk}).status_code == 404
