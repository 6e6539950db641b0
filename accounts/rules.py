"""Named predicates about who a user is; object rules of each app combine them."""

import rules

from .models import Role


@rules.predicate
def is_site_admin(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.ADMIN))


@rules.predicate
def is_union_staff(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.is_active and user.is_union_staff)


@rules.predicate
def is_master(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.is_active and user.role == Role.MASTER)
