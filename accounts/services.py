"""Writes on users: creation, profile changes, role changes. Views and commands call these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from organisations.models import Organisation

from .models import Role, User
from .roles import ROLE_GROUPS, role_group

PROFILE_FIELDS = ("real_name", "email", "employee_number", "employer", "trade", "skill_level")


def _organisation_from(value: Organisation | int | str | None) -> Organisation | None:
    if value is None or isinstance(value, Organisation):
        return value
    lookup = {"pk": value} if isinstance(value, int) or str(value).isdigit() else {"code": value}
    try:
        return Organisation.objects.get(**lookup)
    except Organisation.DoesNotExist as exc:
        raise ValidationError({"organisation": _("所选组织不存在：%(value)s") % {"value": value}}) from exc


@transaction.atomic
def user_role_sync(*, user: User) -> None:
    """Put the user in exactly the groups that their role brings."""
    managed = set(ROLE_GROUPS.values())
    user.groups.remove(*user.groups.filter(name__in=managed))
    group = role_group(user.role)
    if group is not None:
        user.groups.add(group)


@transaction.atomic
def user_create(
    *,
    username: str,
    real_name: str,
    password: str | None = None,
    mobile: str | None = None,
    organisation: Organisation | int | str | None,
    role: str = Role.WORKER,
    **fields: Any,
) -> User:
    """Create a user after full validation; raises ValidationError with Chinese messages."""
    if role not in Role.values:
        raise ValidationError({"role": _("未知角色：%(role)s") % {"role": role}})
    user = User(
        username=username,
        real_name=real_name,
        mobile=mobile or None,
        organisation=_organisation_from(organisation),
        role=role,
        **fields,
    )
    if role == Role.ADMIN:
        user.is_superuser = True
        user.is_staff = True
    if role == Role.UNION_STAFF and user.organisation is None:
        raise ValidationError({"organisation": _("工会干部必须指定所属组织。")})
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent request took the same mobile or 工号
        raise ValidationError(_("手机号或工号已被占用，请检查后重试。")) from exc
    user_role_sync(user=user)
    return user


@transaction.atomic
def user_profile_update(*, user: User, **fields: Any) -> User:
    unknown = set(fields) - set(PROFILE_FIELDS) - {"mobile", "avatar"}
    if unknown:
        raise ValidationError(_("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(user, name, value)
    if "mobile" in fields:
        user.mobile = fields["mobile"] or None
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_role_set(*, user: User, role: str, organisation: Organisation | None = None) -> User:
    if role not in Role.values:
        raise ValidationError({"role": _("未知角色：%(role)s") % {"role": role}})
    user.role = role
    if organisation is not None:
        user.organisation = organisation
    if role == Role.UNION_STAFF and user.organisation is None:
        raise ValidationError({"organisation": _("工会干部必须指定所属组织。")})
    user.is_superuser = user.is_staff = role == Role.ADMIN
    user.full_clean()
    user.save()
    user_role_sync(user=user)
    return user
