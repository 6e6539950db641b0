from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from studios.services import EDITOR_GROUP_PREFIX, studio_editor_group_sync

from .models import StudioPage

STUDIO_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


@transaction.atomic
def studio_page_permissions_grant(*, page: StudioPage) -> None:
    """The studio's editor group (lead + members) may edit, add below and publish its own page only.

    Idempotent. When a page is re-linked to another studio, the previous studio's editors lose it.
    """
    group = studio_editor_group_sync(studio=page.studio)
    base = Page.objects.get(pk=page.pk)
    GroupPagePermission.objects.filter(page=base, group__name__startswith=EDITOR_GROUP_PREFIX).exclude(
        group=group
    ).delete()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=STUDIO_EDITOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=base, permission=permission)
