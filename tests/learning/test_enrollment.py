"""Self-enrolment, and required courses assigned by union staff to their subtree."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from config.errors import ApplicationError
from learning import services
from learning.models import CourseAssignment, EnrollmentSource
from learning.selectors import my_learning
from tests.accounts.factories import UserFactory
from tests.learning.factories import course_create

pytestmark = pytest.mark.django_db


def test_self_enrolment_is_idempotent(api, learner, course):  # type: ignore[no-untyped-def]
    first = api.post(f"/api/v1/learning/courses/{course.pk}/enroll/")
    second = api.post(f"/api/v1/learning/courses/{course.pk}/enroll/")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"] and first.json()["source"] == EnrollmentSource.SELF


def test_a_draft_course_cannot_be_enrolled(api, studio_page):  # type: ignore[no-untyped-def]
    draft = course_create(studio_page=studio_page, live=False)
    assert api.post(f"/api/v1/learning/courses/{draft.pk}/enroll/").status_code == 404


def test_staff_assign_to_their_subtree_and_learners_see_it_first(people, org_tree, learner, course, studio_page):  # type: ignore[no-untyped-def]
    due = timezone.localdate() + dt.timedelta(days=3)
    services.assignment_create(staff=people["staff_a"], course=course, organisation=org_tree["a"], due_on=due)
    other = course_create(studio_page=studio_page, title="数控入门")
    services.course_enroll(user=learner, course=other)
    enrollment = services.course_enroll(user=learner, course=course)
    assert enrollment.source == EnrollmentSource.ASSIGNED
    data = my_learning(user=learner)
    assert [r.course.pk for r in data.required] == [course.pk]
    assert data.required[0].is_due_soon and not data.required[0].is_overdue
    assert [e.course_id for e in data.in_progress] == [other.pk]  # the required one is not listed twice
    outsider = UserFactory(organisation=org_tree["b1"])
    assert my_learning(user=outsider).required == []


def test_assignment_outside_the_staff_subtree_is_refused(people, org_tree, course):  # type: ignore[no-untyped-def]
    due = timezone.localdate() + dt.timedelta(days=10)
    with pytest.raises(ApplicationError, match="本组织及下级组织"):
        services.assignment_create(staff=people["staff_a"], course=course, organisation=org_tree["b"], due_on=due)
    with pytest.raises(ApplicationError, match="工会干部"):
        services.assignment_create(staff=people["worker_a"], course=course, organisation=org_tree["a1"], due_on=due)
    assert not CourseAssignment.objects.exists()


def test_expired_due_date_is_refused(people, org_tree, course):  # type: ignore[no-untyped-def]
    with pytest.raises(ApplicationError, match="截止日期已过"):
        services.assignment_create(
            staff=people["staff_a"], course=course, organisation=org_tree["a"],
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert not CourseAssignment.objects.exists()


def test_duplicate_assignment_is_a_clear_error(people, org_tree, course):  # type: ignore[no-untyped-def]
    due = timezone.localdate() + dt.timedelta(days=10)
    services.assignment_create(staff=people["staff_a"], course=course, organisation=org_tree["a"], due_on=due)
    with pytest.raises(ApplicationError, match="已被指派"):
        services.assignment_create(staff=people["city_staff"], course=course, organisation=org_tree["a"], due_on=due)


def test_overdue_required_course_is_flagged(people, org_tree, learner, course):  # type: ignore[no-untyped-def]
    assignment = services.assignment_create(
        staff=people["staff_a"], course=course, organisation=org_tree["a1"],
        due_on=timezone.localdate() + dt.timedelta(days=1),
    )
    CourseAssignment.objects.filter(pk=assignment.pk).update(due_on=timezone.localdate() - dt.timedelta(days=2))
    item = my_learning(user=learner).required[0]
    assert item.is_overdue


def test_assignment_notifies_the_learners_of_the_subtree(people, org_tree, learner, course):  # type: ignore[no-untyped-def]
    from learning.services.enrollment import assignment_notify
    from notifications.models import Notification

    outsider = UserFactory(organisation=org_tree["b1"])
    assignment = services.assignment_create(
        staff=people["staff_a"], course=course, organisation=org_tree["a"],
        due_on=timezone.localdate() + dt.timedelta(days=5),
    )
    assignment_notify(assignment_id=assignment.pk)
    assert Notification.objects.filter(recipient=learner, title__contains=course.title).exists()
    assert not Notification.objects.filter(recipient=outsider).exists()
