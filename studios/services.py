"""Writes on studios. The editor group of each studio is kept in step with its lead and members."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role

from .models import Studio

if TYPE_CHECKING:
    from accounts.models import User
    from organisations.models import Organisation

EDITOR_GROUP_PREFIX = "工作室编辑："


def studio_editor_group_name(*, studio: Studio) -> str:
    return f"{EDITOR_GROUP_PREFIX}{studio.slug}"


@transaction.atomic
def studio_editor_group_sync(*, studio: Studio) -> Group:
    """One group per studio, holding its lead and members, with access to the Wagtail admin.

    Page permissions on the studio's own pages are granted to this group by the CMS.
    """
    group, _created = Group.objects.get_or_create(name=studio_editor_group_name(studio=studio))
    group.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
    wanted = {studio.lead_id, *studio.members.values_list("pk", flat=True)}
    current = set(group.user_set.values_list("pk", flat=True))
    if wanted - current:
        group.user_set.add(*(wanted - current))
    if current - wanted:
        group.user_set.remove(*(current - wanted))
    return group


@transaction.atomic
def studio_editor_group_rename(*, studio: Studio, old_slug: str) -> None:
    """Follow a slug change, so the group keeps its members and its page permissions."""
    new_name = studio_editor_group_name(studio=studio)
    old = Group.objects.filter(name=f"{EDITOR_GROUP_PREFIX}{old_slug}").first()
    if old is None or Group.objects.filter(name=new_name).exists():
        return
    old.name = new_name
    old.save(update_fields=["name"])


@transaction.atomic
def studio_editor_group_delete(*, studio: Studio) -> None:
    """A deleted studio leaves no group behind that could still open the admin."""
    Group.objects.filter(name=studio_editor_group_name(studio=studio)).delete()


def _check_lead(lead: User) -> None:
    if lead.role not in (Role.MASTER, Role.ADMIN):
        raise ValidationError({"lead": _("领衔人必须是劳模或工匠账号。")})


@transaction.atomic
def studio_create(
    *,
    name: str,
    slug: str,
    lead: User,
    organisation: Organisation,
    industry: str,
    members: Iterable[User] = (),
    **fields: Any,
) -> Studio:
    _check_lead(lead)
    studio = Studio(name=name, slug=slug, lead=lead, organisation=organisation, industry=industry, **fields)
    studio.full_clean()
    studio.save()
    studio.members.set({lead, *members})
    return studio


@transaction.atomic
def studio_update(*, studio: Studio, **fields: Any) -> Studio:
    for name, value in fields.items():
        setattr(studio, name, value)
    if "lead" in fields:
        _check_lead(studio.lead)
    studio.full_clean()
    studio.save()
    if "lead" in fields:
        studio.members.add(studio.lead)
    return studio


@transaction.atomic
def studio_members_set(*, studio: Studio, members: Iterable[User]) -> Studio:
    studio.members.set({studio.lead, *members})
    return studio


@transaction.atomic
def studio_mark_online(*, studio: Studio, on: datetime.date) -> Studio:
    studio.online_on = on
    studio.save(update_fields=["online_on", "updated_at"])
    return studio
