"""Who may manage which users in the Wagtail admin.

Site administrators manage everyone. Union staff (工会干部) add, view and edit the users of their own
organisation subtree — never a site administrator, never anybody outside it — and delete nobody.
The subtree comes from ``organisations.selectors.scope_for_user``, the project's one scoping rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from organisations.selectors import scope_for_user, user_sees_everything

from .models import Role, User

if TYPE_CHECKING:
    from collections.abc import Iterable

STAFF_USER_ACTIONS = frozenset({"add", "change", "view"})


def users_manageable_by(*, user: Any) -> QuerySet[User]:
    """The users ``user`` may see and edit in the admin."""
    queryset = User.objects.select_related("organisation")
    if user_sees_everything(user=user):
        return queryset
    return scope_for_user(queryset, user=user).exclude(is_superuser=True).exclude(role=Role.ADMIN)


def _is_active_union_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_union_staff", False))


class UserManagementPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, plus what union staff may do inside their subtree."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action in STAFF_USER_ACTIONS and _is_active_union_staff(user):
            return True
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet[User]:
        users = super().users_with_any_permission(actions)
        if STAFF_USER_ACTIONS & set(actions):
            staff = User.objects.filter(is_active=True, role=Role.UNION_STAFF, organisation__isnull=False)
            users = User.objects.filter(Q(pk__in=users.values("pk")) | Q(pk__in=staff.values("pk")))
        return users

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> QuerySet[User]:
        if not self.user_has_any_permission(user, actions):
            return User.objects.none()
        return users_manageable_by(user=user)

    def instances_user_has_permission_for(self, user: Any, action: str) -> QuerySet[User]:
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user: Any, action: str, instance: User) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user: Any, actions: Iterable[str], instance: User) -> bool:
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()
