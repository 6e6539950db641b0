from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import StudioPage
from .services import studio_page_permissions_grant


@receiver(post_save, sender=StudioPage)
def grant_studio_editors(sender, instance: StudioPage, created: bool, raw: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    if created and not raw:
        studio_page_permissions_grant(page=instance)
