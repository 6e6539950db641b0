"""/api/v1/reports/: the same figures and scope as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from .factories import assignment_create, enrolment_create, local
from .scenario import year_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(learners, course, course2):  # type: ignore[no-untyped-def]
    year_scenario(learners=learners, course=course, course2=course2)


def _api(user):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_overview(people, org_tree, scenario):  # type: ignore[no-untyped-def]
    body = _api(people["staff_a"]).get(reverse("v1:reports-overview")).json()
    assert body["unit"]["code"] == "jinshui" and body["course"] is None
    rows = {row["label"]: row for row in body["rows"]}
    a1 = rows["郑州煤矿机械集团"]
    assert a1["unit"]["id"] == org_tree["a1"].pk and a1["has_children"] is False and a1["is_own"] is False
    assert (a1["people"], a1["enrolments"], a1["completions"], a1["hours"], a1["points"]) == (6, 2, 2, "4.0", 23)
    assert a1["completion_rate"] == 0.5
    assert rows["本级（金水区总工会）"]["is_own"] is True
    assert body["total"]["hours"] == "6.0" and body["total"]["unit"] is None
    drilled = _api(people["city_staff"]).get(reverse("v1:reports-overview"), {"unit": org_tree["b"].pk}).json()
    assert [row["label"] for row in drilled["rows"]] == ["郑州宇通客车", "本级（二七区总工会）"]


def test_learners_are_paginated_searchable_and_scoped(people, learners, scenario):  # type: ignore[no-untyped-def]
    api = _api(people["staff_a"])
    body = api.get(reverse("v1:reports-learners")).json()
    assert body["count"] == 8 and "丙一" not in [r["real_name"] for r in body["results"]]
    found = api.get(reverse("v1:reports-learners"), {"q": "ZMJ-002"}).json()["results"]
    assert len(found) == 1
    row = found[0]
    assert (row["real_name"], row["enrolments"], row["completed"], row["hours"], row["points"]) == ("甲二", 1, 1, "2.0", 13)
    assert row["organisation"]["code"] == "zmj"


def test_required_and_pending_people(people, org_tree, course, learners):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    assignment = assignment_create(course=course, organisation=org_tree["a2"], due_on=today - dt.timedelta(days=1))
    enrolment_create(user=learners["a2_z"], course=course, enrolled_at=local(today - dt.timedelta(days=3)), progress=20)
    period = {"start": (today - dt.timedelta(days=30)).isoformat(), "end": today.isoformat()}
    api = _api(people["staff_a"])
    rows = api.get(reverse("v1:reports-required"), period).json()["rows"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["id"], row["assigned"], row["completed"], row["started"], row["overdue"]) == (assignment.pk, 1, 0, 1, 1)
    assert row["is_past_due"] is True and row["course"]["title"] == "焊接安全"
    pending = api.get(reverse("v1:reports-required-pending", args=[assignment.pk])).json()
    assert pending["count"] == 1 and pending["results"][0]["real_name"] == "乙一"
    assert pending["results"][0]["progress_percent"] == 20 and pending["results"][0]["is_enrolled"] is True
    assert _api(people["staff_b"]).get(reverse("v1:reports-required"), period).json()["rows"] == []
    missing = _api(people["staff_b"]).get(reverse("v1:reports-required-pending", args=[assignment.pk]))
    assert missing.status_code == 404 and missing.json()["detail"] == "该必修课指派不存在，或不在您的管辖范围内。"


def test_schema_documents_the_reports(client):  # type: ignore[no-untyped-def]
    schema = client.get(reverse("v1:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/reports/overview/", "/api/v1/reports/required/", "/api/v1/reports/learners/",
                 "/api/v1/reports/required/{assignment_id}/pending/"):
        assert path in schema["paths"], path
    names = [p["name"] for p in schema["paths"]["/api/v1/reports/learners/"]["get"]["parameters"]]
    assert {"start", "end", "course", "unit", "q", "page"} <= set(names)
