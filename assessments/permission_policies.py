"""Who may author which quizzes in the Wagtail admin.

Site admin: every quiz. Union staff: quizzes of their organisation subtree (``scope_for_user``).
Masters: quizzes of the studios they lead or belong to. The roles' Django groups need no extra model
permissions: the django-rules predicates of ``assessments/rules.py`` decide, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from accounts.models import Role
from studios.admin_scoping import ScopedPermissionPolicy

from .selectors import quizzes_authored_by

AUTHOR_ACTIONS = frozenset({"add", "change", "delete", "view"})


class QuizPermissionPolicy(ScopedPermissionPolicy):
    def scope(self, queryset: QuerySet, user: Any) -> QuerySet:
        return queryset.filter(pk__in=quizzes_authored_by(user=user).values("pk"))

    def instance_in_scope(self, user: Any, instance: Any) -> bool:
        return bool(user.has_perm("assessments.edit_quiz", instance))

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action in AUTHOR_ACTIONS and user.has_perm("assessments.author_quizzes"):
            return True
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        users = super().users_with_any_permission(actions)
        if AUTHOR_ACTIONS & set(actions):
            authors = get_user_model().objects.filter(
                is_active=True, role__in=[Role.MASTER, Role.UNION_STAFF, Role.ADMIN]
            )
            users = get_user_model().objects.filter(Q(pk__in=users.values("pk")) | Q(pk__in=authors.values("pk")))
        return users
