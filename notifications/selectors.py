from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .models import Notification, NotificationKind, NotificationPreference

if TYPE_CHECKING:
    from accounts.models import User


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's inbox, newest first; notifications sent by e-mail only (in-app turned off) are not in it."""
    qs = Notification.objects.filter(recipient=user, in_app=True)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def notification_get(*, user: User, notification_id: int) -> Notification | None:
    """One notification of the user's inbox, or None (also for another user's notification)."""
    return notification_list(user=user).filter(pk=notification_id).first()


def notification_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return notification_list(user=user, unread_only=True).count()


def notification_preferences(*, user: User) -> list[NotificationPreference]:
    stored = {p.kind: p for p in NotificationPreference.objects.filter(user=user)}
    return [
        stored.get(kind) or NotificationPreference(user=user, kind=kind) for kind in NotificationKind.values
    ]
