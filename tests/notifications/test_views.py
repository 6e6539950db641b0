"""The inbox page: listing, badge, marking read with and without htmx, privacy."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notification_send
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")
HTMX = {"HTTP_HX_REQUEST": "true"}


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def badge(html: str) -> str | None:
    match = re.search(r'data-testid="unread-count">(\d+)<', html)
    return match.group(1) if match else None


def listed_titles(html: str) -> list[str]:
    """Titles of the listed items, in page order (the titles of these tests are 第NN条)."""
    return re.findall(r"(第\d\d条)\s*</h2>", html)


def mark_read_url(notification: Notification) -> str:
    return reverse("notifications:mark_read", args=[notification.pk])


def test_inbox_requires_login() -> None:
    response = Client().get(INBOX)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_sent_notification_is_in_the_inbox_and_in_the_header_badge() -> None:
    user = UserFactory()
    client = logged_in(user)
    assert badge(client.get(INBOX).content.decode()) is None

    notification_send(recipient=user, title="新课程《数控车床编程》已上线", body="快来学习吧", url="/learning/7/")
    html = client.get(INBOX).content.decode()
    assert badge(html) == "1"
    assert "新课程《数控车床编程》已上线" in html
    assert "快来学习吧" in html
    assert 'href="/learning/7/"' in html
    assert 'class="notification is-unread"' in html
    assert "标记已读" in html and "全部标记为已读" in html
    # the badge follows the user to every page
    assert badge(client.get(reverse("notifications:preferences")).content.decode()) == "1"


def test_inbox_is_newest_first_paginated_and_filtered() -> None:
    user = UserFactory()
    for i in range(25):
        notification_send(recipient=user, title=f"第{i:02d}条")
    Notification.objects.filter(recipient=user, title="第00条").update(created_at=timezone.now() - timedelta(days=1))
    Notification.objects.filter(recipient=user, title__in=["第01条", "第02条"]).update(read_at=timezone.now())
    client = logged_in(user)

    first = client.get(INBOX).content.decode()
    titles = listed_titles(first)
    assert len(titles) == 20
    assert titles[0] == "第24条"
    assert "第 1 / 2 页" in first
    second = client.get(INBOX, {"page": 2}).content.decode()
    assert listed_titles(second) == ["第04条", "第03条", "第02条", "第01条", "第00条"]  # the oldest is last
    assert client.get(INBOX, {"page": "abc"}).status_code == 200  # bad input never 500s

    unread = client.get(INBOX, {"filter": "unread"})
    unread_titles = set(listed_titles(unread.content.decode()))
    assert len(unread_titles) == 20 and not {"第01条", "第02条"} & unread_titles
    assert client.get(INBOX, {"filter": "nonsense"}).status_code == 200
    assert "23 条未读通知" in first


def test_inbox_shows_only_own_notifications() -> None:
    user, other = UserFactory(), UserFactory()
    notification_send(recipient=other, title="别人的秘密通知")
    assert "别人的秘密通知" not in logged_in(user).get(INBOX).content.decode()


def test_mark_read_without_js_redirects_back() -> None:
    user = UserFactory()
    notification = notification_send(recipient=user, title="待阅读")
    assert notification is not None
    client = logged_in(user)
    response = client.post(mark_read_url(notification), {"next": f"{INBOX}?filter=unread&page=1"})
    assert response.status_code == 302
    assert response["Location"] == f"{INBOX}?filter=unread&page=1"
    notification.refresh_from_db()
    assert notification.read_at is not None
    page = client.get(INBOX).content.decode()
    assert badge(page) is None
    assert "已标记为已读" in page  # the flash message


def test_mark_read_refuses_foreign_redirects() -> None:
    user = UserFactory()
    notification = notification_send(recipient=user, title="待阅读")
    assert notification is not None
    response = logged_in(user).post(mark_read_url(notification), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == INBOX


def test_mark_read_with_htmx_swaps_the_item_and_the_badge() -> None:
    user = UserFactory()
    notification = notification_send(recipient=user, title="htmx 通知")
    notification_send(recipient=user, title="另一条")
    assert notification is not None
    response = logged_in(user).post(mark_read_url(notification), {"next": INBOX, "filter": "all"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="notification-{notification.pk}"' in html
    assert "is-unread" not in html and "标记已读" not in html
    assert 'hx-swap-oob="outerHTML:.inbox-link"' in html
    assert badge(html) == "1"
    assert "1 条未读通知" in html
    assert "<html" not in html  # a fragment, not the whole page


def test_mark_read_with_htmx_in_the_unread_view_removes_the_item() -> None:
    user = UserFactory()
    notification = notification_send(recipient=user, title="只剩一条")
    assert notification is not None
    response = logged_in(user).post(mark_read_url(notification), {"filter": "unread"}, **HTMX)
    html = response.content.decode()
    assert f'id="notification-{notification.pk}"' not in html
    assert 'hx-swap-oob="outerHTML:.inbox-link"' in html
    assert badge(html) is None


def test_mark_all_read_without_js_and_with_htmx() -> None:
    user = UserFactory()
    for i in range(3):
        notification_send(recipient=user, title=f"批量 {i}")
    client = logged_in(user)
    response = client.post(reverse("notifications:mark_all_read"), {"next": INBOX})
    assert response.status_code == 302 and response["Location"] == INBOX
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()

    notification_send(recipient=user, title="又来一条")
    response = client.post(reverse("notifications:mark_all_read"), {"filter": "all", "page": "1"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="notification-region"')
    assert "又来一条" in html and "is-unread" not in html
    assert 'hx-swap-oob="outerHTML:.inbox-link"' in html and badge(html) is None
    assert "已将 1 条通知标记为已读" in html


def test_marking_needs_post() -> None:
    user = UserFactory()
    notification = notification_send(recipient=user, title="GET 不行")
    assert notification is not None
    client = logged_in(user)
    assert client.get(mark_read_url(notification)).status_code == 405
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_another_users_notification_is_404(headers: dict[str, str]) -> None:
    owner, intruder = UserFactory(), UserFactory()
    notification = notification_send(recipient=owner, title="私人通知")
    assert notification is not None
    response = logged_in(intruder).post(mark_read_url(notification), {"next": INBOX}, **headers)
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    assert logged_in(intruder).post(reverse("notifications:mark_read", args=[987654321]), **headers).status_code == 404


def test_mark_all_read_leaves_other_users_alone() -> None:
    owner, other = UserFactory(), UserFactory()
    theirs = notification_send(recipient=other, title="别人的")
    notification_send(recipient=owner, title="自己的")
    assert theirs is not None
    logged_in(owner).post(reverse("notifications:mark_all_read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_email_only_notifications_are_not_listed() -> None:
    user = UserFactory(email="mail@example.cn")
    from notifications.services import notification_preferences_set

    notification_preferences_set(user=user, preferences={"system": {"in_app": False, "email": True}})
    notification = notification_send(recipient=user, title="只发邮件")
    assert notification is not None
    client = logged_in(user)
    assert "只发邮件" not in client.get(INBOX).content.decode()
    assert client.post(mark_read_url(notification)).status_code == 404


def test_unsafe_link_is_not_rendered() -> None:
    user = UserFactory()
    notification_send(recipient=user, title="<b>粗体</b>", url="javascript:alert(1)")
    html = logged_in(user).get(INBOX).content.decode()
    assert "javascript:" not in html
    assert "&lt;b&gt;粗体&lt;/b&gt;" in html
