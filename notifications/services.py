"""The one way every app notifies a user: ``notification_send``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Notification, NotificationKind, NotificationPreference

if TYPE_CHECKING:
    from accounts.models import User


def _preference(*, user: User, kind: str) -> NotificationPreference:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return pref or NotificationPreference(user=user, kind=kind)


@transaction.atomic
def notification_send(
    *, recipient: User, title: str, body: str = "", url: str = "", kind: str = NotificationKind.SYSTEM
) -> Notification | None:
    """Store an in-app notification and, where the user wants it, e-mail it through Celery after commit.

    Returns None when the user turned off both channels for this kind.
    """
    pref = _preference(user=recipient, kind=kind)
    if not pref.in_app and not (pref.email and recipient.email):
        return None
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:120], body=body, url=url[:300],
        read_at=None if pref.in_app else timezone.now(),
    )
    if pref.email and recipient.email:
        from .tasks import notification_email

        transaction.on_commit(lambda: notification_email.delay(notification.pk))
    return notification


def notification_mark_read(*, user: User, notification_id: int) -> int:
    return Notification.objects.filter(recipient=user, pk=notification_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, user: User, preferences: dict[str, dict[str, bool]]) -> QuerySet[NotificationPreference]:
    for kind, channels in preferences.items():
        if kind not in NotificationKind.values:
            continue
        NotificationPreference.objects.update_or_create(
            user=user,
            kind=kind,
            defaults={"in_app": bool(channels.get("in_app")), "email": bool(channels.get("email"))},
        )
    return NotificationPreference.objects.filter(user=user)


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send one notification by e-mail; idempotent (a notification is e-mailed at most once)."""
    from django.conf import settings
    from django.core.mail import send_mail

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.emailed_at is not None or not notification.recipient.email:
            return False
        link = f"{settings.WAGTAILADMIN_BASE_URL}{notification.url}" if notification.url.startswith("/") else notification.url
        send_mail(
            subject=f"[匠联学堂] {notification.title}",
            message="\n\n".join(part for part in (notification.body, link) if part),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True
