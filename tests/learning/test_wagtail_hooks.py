"""Staff admin: required-course assignments and study ledgers, confined to the staff member's subtree."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from learning import services
from learning.models import CourseAssignment
from tests.accounts.factories import UserFactory
from tests.learning.factories import Clock, beat

pytestmark = pytest.mark.django_db


def _due(days: int = 10) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_staff_create_an_assignment_in_their_subtree(client, people, org_tree, course):  # type: ignore[no-untyped-def]
    client.force_login(people["staff_a"])
    url = reverse("wagtailsnippets_learning_courseassignment:add")
    response = client.post(url, {"course": course.pk, "organisation": org_tree["a1"].pk, "due_on": _due(), "note": "年度安全培训"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = CourseAssignment.objects.get()
    assert assignment.assigned_by == people["staff_a"] and assignment.organisation == org_tree["a1"]


def test_staff_cannot_assign_outside_their_subtree_or_in_the_past(client, people, org_tree, course):  # type: ignore[no-untyped-def]
    client.force_login(people["staff_a"])
    url = reverse("wagtailsnippets_learning_courseassignment:add")
    foreign = client.post(url, {"course": course.pk, "organisation": org_tree["b"].pk, "due_on": _due()})
    past = client.post(url, {"course": course.pk, "organisation": org_tree["a"].pk, "due_on": _due(-1)})
    assert foreign.status_code == 200 and past.status_code == 200
    assert "截止日期已过" in past.content.decode()
    assert not CourseAssignment.objects.exists()


def test_assignment_list_is_scoped(client, people, org_tree, course):  # type: ignore[no-untyped-def]
    due = timezone.localdate() + dt.timedelta(days=5)
    mine = services.assignment_create(staff=people["staff_a"], course=course, organisation=org_tree["a"], due_on=due)
    theirs = services.assignment_create(staff=people["staff_b"], course=course, organisation=org_tree["b"], due_on=due)
    client.force_login(people["staff_a"])
    page = client.get(reverse("wagtailsnippets_learning_courseassignment:list")).content.decode()
    assert org_tree["a"].name in page and org_tree["b"].name not in page
    edit = reverse("wagtailsnippets_learning_courseassignment:edit", args=[theirs.pk])
    assert client.get(edit).status_code == 404
    assert client.get(reverse("wagtailsnippets_learning_courseassignment:edit", args=[mine.pk])).status_code == 200


def test_workers_do_not_reach_the_ledgers(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["worker_a"])
    assert client.get(reverse("learning_ledger_report")).status_code in (302, 403, 404)


def test_ledger_report_is_scoped_and_exports_excel(client, people, org_tree, api, learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    clock = Clock()
    for i in range(6):
        api.post("/api/v1/learning/heartbeats/", beat(lesson=video_lesson, at=clock.tick(10), intervals=[[i * 10, i * 10 + 10]]), format="json")
    outsider = UserFactory(organisation=org_tree["b1"], real_name="外区职工")
    client.force_login(people["staff_a"])
    page = client.get(reverse("learning_ledger_report")).content.decode()
    assert learner.real_name in page and outsider.real_name not in page
    export = client.get(reverse("learning_ledger_report") + "?export=xlsx")
    assert export.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content if export.streaming else [export.content]))).active.values)
    names = [row[0] for row in rows[1:]]
    assert learner.real_name in names and outsider.real_name not in names
    mine = next(row for row in rows[1:] if row[0] == learner.real_name)
    assert float(mine[3]) == pytest.approx(60 / 3600, abs=0.01)


def test_person_ledger_audit_page_is_scoped(client, people, api, learner, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    at = Clock().tick(10)
    api.post("/api/v1/learning/heartbeats/", beat(lesson=video_lesson, at=at, intervals=[[0, 10]]), format="json")
    url = reverse("learning_person_ledger", args=[learner.pk])
    client.force_login(people["staff_b"])
    assert client.get(url).status_code == 404
    client.force_login(people["staff_a"])
    page = client.get(url + f"?day={timezone.localdate(at).isoformat()}").content.decode()
    assert 'data-testid="heartbeats"' in page and video_lesson.title in page
