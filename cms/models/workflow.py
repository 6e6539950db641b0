"""The review step of a studio's content: union staff above the studio's organisation approve or reject."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState


class OrganisationStaffApprovalTask(Task):
    """Approved by the union staff whose subtree contains the organisation of the studio that owns the
    page (the site admin too). Which organisation that is, and who may review it, is decided in one place:
    ``cms.selectors.page_review_organisation`` and ``cms.selectors.user_can_review_page``.
    """

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("工会干部审核")
        verbose_name_plural = _("工会干部审核")

    def _can_review(self, obj: Any, user: Any) -> bool:
        from ..selectors import user_can_review_page

        cache: dict[tuple[int, Any], bool] = user.__dict__.setdefault("_organisation_review_checks", {})
        key = (self.pk, getattr(obj, "pk", None))
        if key not in cache:
            cache[key] = user_can_review_page(user=user, page=obj)
        return cache[key]

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        return self._can_review(obj, user)

    def locked_for_user(self, obj: Any, user: Any) -> bool:
        return not self._can_review(obj, user)

    def user_can_lock(self, obj: Any, user: Any) -> bool:
        return self._can_review(obj, user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, Any, bool]]:
        if not self._can_review(obj, user):
            return []
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("通过并发布"), False),
            ("approve", _("通过并留言"), True),
        ]

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> QuerySet[TaskState]:
        from ..selectors import task_states_reviewable

        return task_states_reviewable(task=self, user=user)

    @classmethod
    def get_description(cls) -> Any:
        return _("工作室所属组织的上级工会干部（本组织及上级组织）审核，通过后发布")
