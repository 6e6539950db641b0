import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from learning import services
from tests.accounts.factories import UserFactory
from tests.learning.factories import lesson_create


@pytest.fixture(autouse=True)
def midday_clock() -> Iterator[None]:
    """Study time is booked per calendar day (Asia/Shanghai): tests that send heartbeats stamped minutes in the
    past must not straddle midnight, so their clock starts at midday (and keeps ticking)."""
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True):
        yield


@pytest.fixture
def video_lesson(course):  # type: ignore[no-untyped-def]
    return lesson_create(course=course, duration=100.0)


@pytest.fixture
def learner(org_tree):  # type: ignore[no-untyped-def]
    return UserFactory(organisation=org_tree["a1"])


@pytest.fixture
def enrolled(learner, course):  # type: ignore[no-untyped-def]
    return services.course_enroll(user=learner, course=course)


@pytest.fixture
def api(learner):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(learner)
    return client


@pytest.fixture
def org_tree(org_tree):  # type: ignore[no-untyped-def]
    """The shared tree, re-read: treebeard renumbers siblings (ordered by name) as they are added."""
    for node in org_tree.values():
        node.refresh_from_db()
    return org_tree


@pytest.fixture
def people(people):  # type: ignore[no-untyped-def]
    from accounts.models import User

    return {key: User.objects.select_related("organisation").get(pk=user.pk) for key, user in people.items()}
