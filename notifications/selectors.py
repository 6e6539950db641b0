from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .models import Notification, NotificationKind, NotificationPreference

if TYPE_CHECKING:
    from accounts.models import User


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def notification_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_preferences(*, user: User) -> list[NotificationPreference]:
    stored = {p.kind: p for p in NotificationPreference.objects.filter(user=user)}
    return [stored.get(kind) or NotificationPreference(user=user, kind=kind) for kind in NotificationKind.values]
