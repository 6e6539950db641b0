from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, TaskState, Workflow, WorkflowPage, WorkflowTask

from accounts.models import Role
from accounts.roles import role_group
from notifications.models import NotificationKind
from notifications.services import notification_send
from studios.services import EDITOR_GROUP_PREFIX, studio_editor_group_sync

from .models import OrganisationStaffApprovalTask, StudioPage, TopicIndexPage
from .selectors import page_reviewers

#: Studio editors add and edit pages in their section; publishing goes through the review workflow.
STUDIO_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
#: Union staff create, edit and publish topics (their own organisation's, see wagtail_hooks).
TOPIC_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")

STUDIO_REVIEW_WORKFLOW_NAME = "工作室内容审核"
STUDIO_REVIEW_TASK_NAME = "上级工会干部审核"


def _page_permissions(codenames: tuple[str, ...]) -> list[Permission]:
    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))


@transaction.atomic
def studio_page_permissions_grant(*, page: StudioPage) -> None:
    """The studio's editor group (lead + members) may edit its own page and add pages below it.

    Idempotent. When a page is re-linked to another studio, the previous studio's editors lose it.
    Publishing is not granted: the section's review workflow publishes on approval.
    """
    group = studio_editor_group_sync(studio=page.studio)
    base = Page.objects.get(pk=page.pk)
    GroupPagePermission.objects.filter(page=base, group__name__startswith=EDITOR_GROUP_PREFIX).exclude(
        group=group
    ).delete()
    wanted = _page_permissions(STUDIO_EDITOR_PAGE_PERMISSIONS)
    GroupPagePermission.objects.filter(page=base, group=group).exclude(permission__in=wanted).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=base, permission=permission)


@transaction.atomic
def studio_review_workflow_ensure() -> Workflow:
    """The one workflow of studio sections, with its staff-approval task; created when missing."""
    task = OrganisationStaffApprovalTask.objects.filter(name=STUDIO_REVIEW_TASK_NAME).first()
    if task is None:
        task = OrganisationStaffApprovalTask.objects.create(name=STUDIO_REVIEW_TASK_NAME)
    workflow = Workflow.objects.filter(name=STUDIO_REVIEW_WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=STUDIO_REVIEW_WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def studio_page_workflow_assign(*, page: StudioPage) -> WorkflowPage:
    """Put the studio's section (its page and everything below) under the review workflow. Idempotent;
    a workflow chosen for the page by hand in the admin is left as it is."""
    base = Page.objects.get(pk=page.pk)
    existing = WorkflowPage.objects.filter(page=base).first()
    if existing is not None:
        return existing
    return WorkflowPage.objects.create(page=base, workflow=studio_review_workflow_ensure())


@transaction.atomic
def topic_index_permissions_grant(*, index: TopicIndexPage) -> None:
    """Union staff (their role group) create and publish topics under the topic index. Idempotent."""
    group = role_group(Role.UNION_STAFF)
    if group is None:  # pragma: no cover - the role always has a group
        return
    base = Page.objects.get(pk=index.pk)
    for permission in _page_permissions(TOPIC_EDITOR_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=base, permission=permission)


# --- notifications of the review workflow ---------------------------------------------------------
def _admin_edit_url(page: Page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def review_requested_notify(*, task_state: TaskState) -> int:
    """Tell every union staff member who may review the page that it awaits them. Returns how many."""
    page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
    submitter = task_state.workflow_state.requested_by
    sent = 0
    for reviewer in page_reviewers(page=page):
        if submitter is not None and reviewer.pk == submitter.pk:
            continue
        notification = notification_send(
            recipient=reviewer,
            kind=NotificationKind.REVIEW,
            title=_("待审核：%(title)s") % {"title": page.get_admin_display_title()},
            body=_("%(who)s 提交了《%(title)s》，请在管理后台审核。")
            % {"who": submitter.display_name if submitter else _("有人"), "title": page.get_admin_display_title()},
            url=_admin_edit_url(page),
        )
        sent += notification is not None
    return sent


def review_decision_notify(*, task_state: TaskState, approved: bool, reviewer: Any) -> None:
    """Tell the master who submitted the page what the reviewer decided, with the reviewer's comment."""
    workflow_state = task_state.workflow_state
    submitter = workflow_state.requested_by
    if submitter is None:
        return
    page = Page.objects.get(pk=workflow_state.object_id).specific  # as published by the approval
    title = page.get_admin_display_title()
    who = reviewer.display_name if reviewer is not None else _("审核人")
    comment = (task_state.comment or "").strip()
    if approved:
        subject = _("已通过审核：%(title)s") % {"title": title}
        body = _("%(who)s 通过了《%(title)s》的审核，内容已发布。") % {"who": who, "title": title}
        url = (page.url if page.live else "") or _admin_edit_url(page)
    else:
        subject = _("被退回修改：%(title)s") % {"title": title}
        body = _("%(who)s 退回了《%(title)s》，请修改后重新提交。") % {"who": who, "title": title}
        url = _admin_edit_url(page)
    if comment:
        body = f"{body}\n{_('审核意见：')}{comment}"
    notification_send(recipient=submitter, kind=NotificationKind.REVIEW, title=subject, body=body, url=url)
