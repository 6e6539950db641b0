"""/api/v1/notifications/: a user's own inbox and preferences; another user's notification is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from notifications.models import Notification, NotificationKind, NotificationPreference
from notifications.services import notification_send

pytestmark = pytest.mark.django_db

LIST = reverse("v1:notification-list")
READ_ALL = reverse("v1:notification-read-all")
UNREAD_COUNT = reverse("v1:notification-unread-count")
PREFERENCES = reverse("v1:notification-preferences")


def _client(user) -> APIClient:  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def inbox(people):  # type: ignore[no-untyped-def]
    worker, master = people["worker_a"], people["master_a"]
    return {
        "first": notification_send(recipient=worker, title="课程已上线", url="/learning/1/"),
        "second": notification_send(recipient=worker, title="师傅回复了你", kind=NotificationKind.MENTORSHIP),
        "other": notification_send(recipient=master, title="工作室审核通过", kind=NotificationKind.REVIEW),
    }


def test_anonymous_gets_401(db):
    assert APIClient().get(LIST).status_code == 401


def test_list_shows_only_the_own_notifications_newest_first(people, inbox):
    body = _client(people["worker_a"]).get(LIST).json()
    assert body["count"] == 2
    assert [n["title"] for n in body["results"]] == ["师傅回复了你", "课程已上线"]
    first = body["results"][1]
    assert first["url"] == "/learning/1/"
    assert (first["is_read"], first["read_at"], first["kind_display"]) == (False, None, "系统通知")


def test_unread_filter_and_count(people, inbox):
    api = _client(people["worker_a"])
    api.post(reverse("v1:notification-read", args=[inbox["first"].pk]))
    assert [n["title"] for n in api.get(LIST, {"unread": 1}).json()["results"]] == ["师傅回复了你"]
    assert api.get(LIST, {"unread": 0}).json()["count"] == 2
    assert api.get(UNREAD_COUNT).json() == {"count": 1}
    bad = api.get(LIST, {"unread": "maybe"})
    assert bad.status_code == 400
    assert "unread" in bad.json()


def test_mark_one_read(people, inbox):
    response = _client(people["worker_a"]).post(reverse("v1:notification-read", args=[inbox["first"].pk]))
    assert response.status_code == 200
    assert response.json()["is_read"] is True
    inbox["first"].refresh_from_db()
    assert inbox["first"].read_at is not None


def test_another_users_notification_is_404_and_stays_unread(people, inbox):
    api = _client(people["worker_a"])
    other = inbox["other"]
    assert api.get(reverse("v1:notification-detail", args=[other.pk])).status_code == 404
    response = api.post(reverse("v1:notification-read", args=[other.pk]))
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}
    other.refresh_from_db()
    assert other.read_at is None


def test_read_all_touches_only_the_own_inbox(people, inbox):
    response = _client(people["worker_a"]).post(READ_ALL)
    assert response.json() == {"marked": 2}
    assert not Notification.objects.filter(recipient=people["worker_a"], read_at__isnull=True).exists()
    inbox["other"].refresh_from_db()
    assert inbox["other"].read_at is None


def test_preferences_default_to_in_app_only(people):
    body = _client(people["worker_a"]).get(PREFERENCES).json()
    assert [p["kind"] for p in body["preferences"]] == NotificationKind.values
    assert all(p["in_app"] and not p["email"] for p in body["preferences"])
    assert body["preferences"][0]["kind_display"] == "系统通知"


def test_put_preferences_saves_the_listed_kinds(people):
    api = _client(people["worker_a"])
    payload = {"preferences": [{"kind": "learning", "in_app": False, "email": True}]}
    response = api.put(PREFERENCES, payload, format="json")
    assert response.status_code == 200, response.content
    learning = next(p for p in response.json()["preferences"] if p["kind"] == "learning")
    assert (learning["in_app"], learning["email"]) == (False, True)
    stored = NotificationPreference.objects.get(user=people["worker_a"], kind="learning")
    assert (stored.in_app, stored.email) == (False, True)
    assert not NotificationPreference.objects.filter(user=people["master_a"]).exists()


def test_bad_preferences_are_400_in_chinese(people):
    api = _client(people["worker_a"])
    duplicate = {"preferences": [{"kind": "system", "in_app": True, "email": False}] * 2}
    response = api.put(PREFERENCES, duplicate, format="json")
    assert response.status_code == 400
    assert response.json() == {"preferences": ["同一类别只能出现一次。"]}

    unknown = {"preferences": [{"kind": "gossip", "in_app": True, "email": False}]}
    response = api.put(PREFERENCES, unknown, format="json")
    assert response.status_code == 400
    assert "gossip" in str(response.json())
    assert not NotificationPreference.objects.exists()
