"""Studio content is published through review by the union staff above the studio's organisation.

Real admin requests: the master submits, the staff's dashboard lists it, staff approve or reject with a
comment, and the master is notified through the notifications app.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, TaskState, WorkflowPage

from accounts.models import User
from cms.models import OrganisationStaffApprovalTask
from cms.services import STUDIO_REVIEW_WORKFLOW_NAME, studio_page_permissions_grant
from notifications.models import Notification, NotificationKind
from recordings.models import RecordingPage
from tests.cms.admin_forms import add_url, page_form_data

pytestmark = pytest.mark.django_db


def _submit_recording(client, sections, *, title: str = "焊接工艺讲座", slug: str = "welding"):  # type: ignore[no-untyped-def]
    master = sections["studio_a"].lead
    client.force_login(master)
    url = add_url("recordings.RecordingPage", sections["index_a"])
    data = page_form_data(
        client, url, title=title, slug=slug, kind="lecture", held_on="2026-06-01", summary="焊接讲座摘要。"
    )
    data["action-submit"] = "action-submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    page = RecordingPage.objects.get(slug=slug)
    return page, master


def _task_state(page: RecordingPage) -> TaskState:
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def _action_url(page: RecordingPage, action: str, task_state: TaskState) -> str:
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def test_new_studio_pages_are_under_the_review_workflow_and_editors_cannot_publish(sections):
    for key in ("page_a", "page_b"):
        assignment = WorkflowPage.objects.get(page_id=sections[key].pk)
        assert assignment.workflow.name == STUDIO_REVIEW_WORKFLOW_NAME
        task = assignment.workflow.workflow_tasks.get().task.specific
        assert isinstance(task, OrganisationStaffApprovalTask)
    recording_index = sections["index_a"]
    assert recording_index.get_workflow().name == STUDIO_REVIEW_WORKFLOW_NAME  # inherited by the section
    perms = set(
        GroupPagePermission.objects.filter(page_id=sections["page_a"].pk).values_list("permission__codename", flat=True)
    )
    assert perms == {"add_page", "change_page"}


def test_regranting_removes_a_publish_permission_given_before_review_existed(sections):
    from django.contrib.auth.models import Permission

    page = sections["page_a"]
    group = GroupPagePermission.objects.filter(page_id=page.pk).first().group
    GroupPagePermission.objects.create(
        group=group, page_id=page.pk, permission=Permission.objects.get(codename="publish_page")
    )
    studio_page_permissions_grant(page=page)
    assert not GroupPagePermission.objects.filter(page_id=page.pk, permission__codename="publish_page").exists()


def test_a_master_cannot_publish_directly(client, sections):
    client.force_login(sections["studio_a"].lead)
    url = add_url("recordings.RecordingPage", sections["index_a"])
    data = page_form_data(client, url, title="直接发布", slug="direct", kind="lecture", held_on="2026-06-01", summary="x")
    data["action-publish"] = "action-publish"
    client.post(url, data)
    page = RecordingPage.objects.get(slug="direct")
    assert not page.live


def test_submit_approve_publish_and_the_master_is_told(client, sections, people):
    page, master = _submit_recording(client, sections)
    assert page.workflow_in_progress and not page.live
    # the staff above studio A's organisation are told; district B's staff are not
    reviewers = set(Notification.objects.filter(kind=NotificationKind.REVIEW).values_list("recipient__username", flat=True))
    assert reviewers == {"staffa", "citystaff"}

    client.force_login(people["staff_b"])
    assert "焊接工艺讲座" not in client.get("/admin/").content.decode()
    response = client.post(_action_url(page, "approve", _task_state(page)), {"comment": ""})
    assert response.status_code in (302, 403)
    assert not RecordingPage.objects.get(pk=page.pk).live
    client.logout()

    client.force_login(people["staff_a"])
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200  # the reviewer may open it
    dashboard = client.get("/admin/").content.decode()
    assert "焊接工艺讲座" in dashboard and _action_url(page, "approve", _task_state(page)) in dashboard
    response = client.post(_action_url(page, "approve", _task_state(page)), {"comment": "内容扎实，同意发布。"})
    assert response.status_code == 302

    page = RecordingPage.objects.get(pk=page.pk)
    assert page.live and not page.workflow_in_progress
    assert client.get(page.url).status_code == 200
    note = Notification.objects.get(recipient=master, kind=NotificationKind.REVIEW)
    assert note.title == "已通过审核：焊接工艺讲座"
    assert "内容扎实，同意发布。" in note.body and note.url == page.url


def test_reject_with_a_comment_notifies_the_master(client, sections, people):
    page, master = _submit_recording(client, sections, title="待修改的沙龙", slug="salon")
    client.force_login(people["city_staff"])  # the city's staff supervise every district
    response = client.post(_action_url(page, "reject", _task_state(page)), {"comment": "请补充章节和讲义。"})
    assert response.status_code == 302

    page = RecordingPage.objects.get(pk=page.pk)
    assert not page.live
    note = Notification.objects.get(recipient=master, kind=NotificationKind.REVIEW)
    assert note.title == "被退回修改：待修改的沙龙"
    assert "请补充章节和讲义。" in note.body and note.url == f"/admin/pages/{page.pk}/edit/"
    # the master sees it in the inbox
    client.force_login(master)
    assert "被退回修改：待修改的沙龙" in client.get(reverse("notifications:inbox")).content.decode()


def test_staff_of_another_district_cannot_review_or_open_the_page(client, sections, people):
    page, _master = _submit_recording(client, sections)
    client.force_login(people["staff_b"])
    for action in ("approve", "reject"):
        response = client.post(_action_url(page, action, _task_state(page)), {"comment": "越权"})
        assert response.status_code in (302, 403)
    assert _task_state(page).status == TaskState.STATUS_IN_PROGRESS
    task = OrganisationStaffApprovalTask.objects.get()
    fresh = {key: User.objects.get(pk=people[key].pk) for key in ("staff_a", "staff_b", "city_staff", "master_a", "admin")}
    assert not task.get_task_states_user_can_moderate(fresh["staff_b"]).exists()
    assert list(task.get_task_states_user_can_moderate(fresh["staff_a"])) == [_task_state(page)]
    assert list(task.get_task_states_user_can_moderate(fresh["city_staff"])) == [_task_state(page)]
    assert not task.get_task_states_user_can_moderate(fresh["master_a"]).exists()
    assert task.get_task_states_user_can_moderate(fresh["admin"]).count() == 1
