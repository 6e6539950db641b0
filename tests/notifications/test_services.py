"""notifications.services: sending respects preferences, input is made safe, read marks stay per user."""

from __future__ import annotations

import pytest

from notifications.models import Notification, NotificationKind, NotificationPreference
from notifications.selectors import notification_list, notification_preferences, notification_unread_count
from notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_set,
    notification_send,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_send_stores_an_unread_inbox_entry() -> None:
    user = UserFactory()
    notification = notification_send(recipient=user, title="课程已上线", body="欢迎学习", url="/learning/1/")
    assert notification is not None
    assert list(notification_list(user=user)) == [notification]
    assert notification_unread_count(user=user) == 1
    assert notification.kind == NotificationKind.SYSTEM
    assert notification.in_app is True
    assert notification.read_at is None


def test_both_channels_off_stores_nothing() -> None:
    user = UserFactory()
    notification_preferences_set(user=user, preferences={"studio": {"in_app": False, "email": False}})
    assert notification_send(recipient=user, title="工作室动态", kind=NotificationKind.STUDIO) is None
    assert not Notification.objects.filter(recipient=user).exists()
    # other kinds keep their defaults
    assert notification_send(recipient=user, title="系统消息") is not None


def test_email_only_is_kept_out_of_the_inbox() -> None:
    user = UserFactory(email="only-mail@example.cn")
    notification_preferences_set(user=user, preferences={"review": {"in_app": False, "email": True}})
    notification = notification_send(recipient=user, title="审核通过", kind=NotificationKind.REVIEW)
    assert notification is not None and notification.in_app is False
    assert list(notification_list(user=user)) == []
    assert notification_unread_count(user=user) == 0


def test_email_only_without_an_address_stores_nothing() -> None:
    user = UserFactory(email="")
    notification_preferences_set(user=user, preferences={"review": {"in_app": False, "email": True}})
    assert notification_send(recipient=user, title="审核通过", kind=NotificationKind.REVIEW) is None
    assert not Notification.objects.filter(recipient=user).exists()


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        ("/studios/zmj/", "/studios/zmj/"),
        ("https://www.zzgh.gov.cn/a", "https://www.zzgh.gov.cn/a"),
        ("javascript:alert(1)", ""),
        ("//evil.example/x", ""),
        ("/\\evil.example", ""),
        ("data:text/html,hi", ""),
        ("/" + "a" * 400, ""),
    ],
)
def test_only_safe_links_are_stored(url: str, stored: str) -> None:
    notification = notification_send(recipient=UserFactory(), title="链接", url=url)
    assert notification is not None and notification.url == stored


def test_title_is_one_line_and_fits() -> None:
    notification = notification_send(recipient=UserFactory(), title="第一行\r\n第二行  " + "长" * 200)
    assert notification is not None
    assert "\n" not in notification.title and "\r" not in notification.title
    assert notification.title.startswith("第一行 第二行 ")
    assert len(notification.title) == 120


def test_mark_read_touches_only_the_owners_notification() -> None:
    owner, other = UserFactory(), UserFactory()
    notification = notification_send(recipient=owner, title="给 owner")
    assert notification is not None
    assert notification_mark_read(user=other, notification_id=notification.pk) == 0
    notification.refresh_from_db()
    assert notification.read_at is None
    assert notification_mark_read(user=owner, notification_id=notification.pk) == 1
    assert notification_mark_read(user=owner, notification_id=notification.pk) == 0  # already read


def test_mark_all_read_is_per_user() -> None:
    owner, other = UserFactory(), UserFactory()
    for i in range(3):
        notification_send(recipient=owner, title=f"通知 {i}")
    notification_send(recipient=other, title="别人的")
    assert notification_mark_all_read(user=owner) == 3
    assert notification_unread_count(user=owner) == 0
    assert notification_unread_count(user=other) == 1


def test_preferences_default_and_saved() -> None:
    user = UserFactory()
    defaults = notification_preferences(user=user)
    assert [p.kind for p in defaults] == list(NotificationKind.values)
    assert all(p.in_app and not p.email for p in defaults)
    notification_preferences_set(
        user=user,
        preferences={"learning": {"in_app": False, "email": True}, "bogus": {"in_app": True, "email": True}},
    )
    saved = {p.kind: (p.in_app, p.email) for p in NotificationPreference.objects.filter(user=user)}
    assert saved == {"learning": (False, True)}
