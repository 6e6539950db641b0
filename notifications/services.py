"""The one way every app notifies a user: ``notification_send``."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Notification, NotificationKind, NotificationPreference

if TYPE_CHECKING:
    from accounts.models import User


def _preference(*, user: User, kind: str) -> NotificationPreference:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return pref or NotificationPreference(user=user, kind=kind)


def _single_line(text: str, *, limit: int) -> str:
    """Collapse whitespace: a newline in an e-mail subject makes Django raise BadHeaderError."""
    return " ".join(text.split())[:limit]


def _safe_url(url: str) -> str:
    """Keep only a site path or an http(s) address; anything else (``javascript:``, ``//host``) is dropped."""
    url = url.strip()
    if len(url) > 300:  # a cut-off address would be a broken link
        return ""
    if url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else ""


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
        recipient=recipient, kind=kind, title=_single_line(title, limit=120), body=body, url=_safe_url(url),
        in_app=pref.in_app, read_at=None if pref.in_app else timezone.now(),
    )
    if pref.email and recipient.email:
        from .tasks import notification_email

        # robust: a broker outage is logged and must not turn the caller's committed request into a 500.
        transaction.on_commit(lambda: notification_email.delay(notification.pk), robust=True)
    return notification


def notification_mark_read(*, user: User, notification_id: int) -> int:
    """Mark one of the user's own notifications read; returns 1 if it was unread, else 0."""
    return Notification.objects.filter(recipient=user, pk=notification_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(
    *, user: User, preferences: dict[str, dict[str, bool]]
) -> QuerySet[NotificationPreference]:
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
        url = notification.url
        link = f"{settings.WAGTAILADMIN_BASE_URL}{url}" if url.startswith("/") else url
        send_mail(
            subject=f"[{settings.WAGTAIL_SITE_NAME}] {notification.title}",
            message="\n\n".join(part for part in (notification.body, link) if part),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True
