"""Keep each studio's editor group in step with its lead and members, however they change."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from .models import Studio
from .services import studio_editor_group_sync


@receiver(m2m_changed, sender=Studio.members.through)
def sync_editors_on_members_change(sender, instance, action: str, reverse: bool, **kwargs):  # type: ignore[no-untyped-def]
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        studio_editor_group_sync(studio=instance)


@receiver(post_save, sender=Studio)
def sync_editors_on_save(sender, instance: Studio, raw: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    if not raw:
        studio_editor_group_sync(studio=instance)
