"""Keep each studio's editor group in step with its lead and members, however they change."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Studio
from .services import studio_editor_group_delete, studio_editor_group_rename, studio_editor_group_sync


@receiver(m2m_changed, sender=Studio.members.through)
def sync_editors_on_members_change(sender, instance, action: str, reverse: bool, pk_set, **kwargs):  # type: ignore[no-untyped-def]
    if not reverse:
        # studio.members.add/remove/set/clear(...)
        if action in ("post_add", "post_remove", "post_clear"):
            studio_editor_group_sync(studio=instance)
        return
    # user.studios.add/remove/set/clear(...): ``instance`` is the user, ``pk_set`` the studios
    if action == "pre_clear":
        instance._studios_before_clear = list(instance.studios.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_studios_before_clear", [])
    elif action not in ("post_add", "post_remove"):
        return
    for studio in Studio.objects.filter(pk__in=pk_set or []):
        studio_editor_group_sync(studio=studio)


@receiver(pre_save, sender=Studio)
def rename_editor_group_on_slug_change(sender, instance: Studio, raw: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    if raw or instance.pk is None:
        return
    old_slug = Studio.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old_slug and old_slug != instance.slug:
        studio_editor_group_rename(studio=instance, old_slug=old_slug)


@receiver(post_save, sender=Studio)
def sync_editors_on_save(sender, instance: Studio, raw: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    if not raw:
        studio_editor_group_sync(studio=instance)


@receiver(post_delete, sender=Studio)
def delete_editor_group(sender, instance: Studio, **kwargs):  # type: ignore[no-untyped-def]
    studio_editor_group_delete(studio=instance)
