"""Each role brings a Django group with the permissions the role needs in the Wagtail admin."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _

from .models import Role

UNION_STAFF_GROUP = "工会干部"
MASTER_GROUP = "劳模工匠"

# (app_label, codename) pairs granted to each role's group
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    Role.UNION_STAFF: [
        ("wagtailadmin", "access_admin"),
        ("studios", "add_studio"),
        ("studios", "change_studio"),
        ("studios", "view_studio"),
        ("studios", "view_onboardingcampaign"),
        ("cms", "add_featureditem"),
        ("cms", "change_featureditem"),
        ("cms", "delete_featureditem"),
        ("cms", "view_featureditem"),
        ("organisations", "view_organisation"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
    ],
    Role.MASTER: [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
}
ROLE_GROUPS = {Role.UNION_STAFF: UNION_STAFF_GROUP, Role.MASTER: MASTER_GROUP}


def role_group(role: str) -> Group | None:
    name = ROLE_GROUPS.get(role)
    if name is None:
        return None
    group, _created = Group.objects.get_or_create(name=name)
    wanted = ROLE_PERMISSIONS[role]
    perms = [
        p
        for p in Permission.objects.filter(codename__in=[c for _a, c in wanted]).select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]
    group.permissions.add(*perms)
    return group


def role_label(role: str) -> str:
    return _(Role(role).label) if role in Role.values else role
