from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import task_approved, task_rejected, task_submitted

from .models import OrganisationStaffApprovalTask, StudioPage, TopicIndexPage
from .services import (
    review_decision_notify,
    review_requested_notify,
    studio_page_permissions_grant,
    studio_page_workflow_assign,
    topic_index_permissions_grant,
)


@receiver(post_save, sender=StudioPage)
def grant_studio_editors(sender, instance: StudioPage, created: bool, raw: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    """A new studio page, or one re-linked to another studio, belongs to that studio's editors; a new
    studio section goes under the review workflow."""
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if created or update_fields is None or "studio" in update_fields:
        studio_page_permissions_grant(page=instance)
    if created:
        studio_page_workflow_assign(page=instance)


@receiver(post_save, sender=TopicIndexPage)
def grant_topic_editors(sender, instance: TopicIndexPage, created: bool, raw: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    if created and not raw:
        topic_index_permissions_grant(index=instance)


def _is_staff_review(task_state) -> bool:  # type: ignore[no-untyped-def]
    return isinstance(task_state.task.specific, OrganisationStaffApprovalTask)


@receiver(task_submitted)
def notify_reviewers(sender, instance, user=None, **kwargs):  # type: ignore[no-untyped-def]
    if _is_staff_review(instance):
        review_requested_notify(task_state=instance)


@receiver(task_approved)
def notify_submitter_approved(sender, instance, user=None, **kwargs):  # type: ignore[no-untyped-def]
    if _is_staff_review(instance):
        review_decision_notify(task_state=instance, approved=True, reviewer=user)


@receiver(task_rejected)
def notify_submitter_rejected(sender, instance, user=None, **kwargs):  # type: ignore[no-untyped-def]
    if _is_staff_review(instance):
        review_decision_notify(task_state=instance, approved=False, reviewer=user)
