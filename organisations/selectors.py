"""Reads of the organisation tree, and the one place where staff scoping is decided."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q, QuerySet

from .models import Organisation

if TYPE_CHECKING:
    from accounts.models import User

M = TypeVar("M", bound=Model)


def organisation_subtree(*, organisation: Organisation) -> QuerySet[Organisation]:
    """The organisation and every node below it."""
    return Organisation.objects.filter(path__startswith=organisation.path)


def organisation_is_within(*, organisation: Organisation | None, ancestor: Organisation | None) -> bool:
    if organisation is None or ancestor is None:
        return False
    return organisation.path.startswith(ancestor.path)


def scope_root_for_user(*, user: User) -> Organisation | None:
    """The root of the subtree a user may manage: None means everything (site admin) or nothing."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return None
    return user.organisation if user.is_union_staff else None


def user_sees_everything(*, user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def scope_for_user(queryset: QuerySet[M], *, user: User, field: str = "organisation") -> QuerySet[M]:
    """Limit ``queryset`` to what ``user`` may manage: the site admin sees all, union staff see
    their organisation's subtree (through ``field``, a path to an Organisation), everyone else nothing.

    Every staff view, admin listing and API goes through this helper.
    """
    if user_sees_everything(user=user):
        return queryset
    root = scope_root_for_user(user=user)
    if root is None:
        return queryset.none()
    if field == "":
        return queryset.filter(path__startswith=root.path)
    return queryset.filter(Q(**{f"{field}__path__startswith": root.path}))


def organisations_for_user(*, user: User) -> QuerySet[Organisation]:
    return scope_for_user(Organisation.objects.all(), user=user, field="")


def organisation_choices_for_signup() -> QuerySet[Organisation]:
    """Nodes a worker may belong to when registering: every node, ordered as in the tree."""
    return Organisation.objects.order_by("path")
