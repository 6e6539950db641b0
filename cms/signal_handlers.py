from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import StudioPage
from .services import studio_page_permissions_grant


@receiver(post_save, sender=StudioPage)
def grant_studio_editors(sender, instance: StudioPage, created: bool, raw: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    """A new studio page, or one re-linked to another studio, belongs to that studio's editors."""
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if created or update_fields is None or "studio" in update_fields:
        studio_page_permissions_grant(page=instance)
