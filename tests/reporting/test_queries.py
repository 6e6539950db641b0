"""A constant number of queries whatever the number of units and people: counted on a small tree, then on
a tree with many more units, people, enrolments and ledger entries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory

from .factories import assignment_create, completion_create, enrolment_create, ledger_create, local, this_year
from .scenario import year_scenario

pytestmark = pytest.mark.django_db

URLS = [
    reverse("reporting:overview"), reverse("reporting:required"), reverse("reporting:learners"),
    reverse("reporting:overview_xlsx"), reverse("reporting:required_xlsx"), reverse("reporting:learners_xlsx"),
    reverse("v1:reports-overview"), reverse("v1:reports-required"), reverse("v1:reports-learners"),
]
MAX_QUERIES = 16  # session, user, the header's notification count and permissions, filters, the report


def _grow(org_tree, course, course2, *, units: int, people_per_unit: int) -> None:  # type: ignore[no-untyped-def]
    for n in range(units):
        parent = OrganisationFactory(name=f"新增单位{n:02d}", code=f"grow-{n}", kind="grassroots", parent=org_tree["a"])
        child = OrganisationFactory(name=f"新增班组{n:02d}", code=f"grow-{n}-c", kind="enterprise", parent=parent)
        for m in range(people_per_unit):
            person = UserFactory(organisation=child if m % 2 else parent)
            if m % 3 == 0:
                completion_create(user=person, course=course, enrolled_at=local(this_year(2, 1)),
                                  completed_at=local(this_year(2, 3)))
            else:
                enrolment_create(user=person, course=course2, enrolled_at=local(this_year(3, 1)), progress=30)
                ledger_create(user=person, day=this_year(3, 1), points=2, course=course2)
        assignment_create(course=course2, organisation=parent, due_on=timezone.localdate() - dt.timedelta(days=1))


def _count(client, api, url: str) -> int:  # type: ignore[no-untyped-def]
    caller = api if url.startswith("/api/") else client
    caller.get(url)  # warm the per-process caches (content types, site) out of the count
    with CaptureQueriesContext(connection) as queries:
        response = caller.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_units_and_people(client, people, org_tree, learners, course, course2):  # type: ignore[no-untyped-def]
    year_scenario(learners=learners, course=course, course2=course2)
    assignment_create(course=course, organisation=org_tree["a"], due_on=timezone.localdate() - dt.timedelta(days=1))
    staff = people["city_staff"]
    client.force_login(staff)
    api = APIClient()
    api.force_authenticate(staff)
    small = {url: _count(client, api, url) for url in URLS}
    _grow(org_tree, course, course2, units=8, people_per_unit=6)
    large = {url: _count(client, api, url) for url in URLS}
    assert large == small
    assert max(large.values()) <= MAX_QUERIES, large
    drilled = f"{reverse('reporting:overview')}?unit={org_tree['a'].pk}"
    assert _count(client, api, drilled) <= MAX_QUERIES


def test_person_page_queries_are_bounded(client, people, learners, course, course2, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    year_scenario(learners=learners, course=course, course2=course2)
    client.force_login(people["staff_a"])
    with django_assert_max_num_queries(MAX_QUERIES + 6):  # plus the person's own “我的学习” lists
        assert client.get(reverse("reporting:person", args=[learners["a1_y"].pk])).status_code == 200
