"""What happens when a workflow is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``)."""

from __future__ import annotations

from typing import Any

# Wagtail imports this module while ``wagtail.models`` is still loading (WorkflowState.on_finish):
# nothing from Wagtail or the models may be imported at module level.


def publish_approved_workflow_state(workflow_state: Any, user: Any = None) -> None:
    """Publish the approved revision. When union staff approved it in an ``OrganisationStaffApprovalTask``
    the approval is the authorisation: staff review studio content but hold no page permission of their own
    (a shared page permission would let them publish in every district), so Wagtail's publish-permission
    check is skipped for that task only; any other workflow publishes as Wagtail does by default."""
    from wagtail.workflows import publish_workflow_state

    from .models import OrganisationStaffApprovalTask

    task_state = workflow_state.current_task_state  # the step just approved, the workflow's last
    if task_state is None or not isinstance(task_state.task.specific, OrganisationStaffApprovalTask):
        publish_workflow_state(workflow_state, user=user)
        return
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
