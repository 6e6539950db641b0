"""The notification preferences page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import NotificationKind, NotificationPreference
from notifications.services import notification_send
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def all_on() -> dict[str, str]:
    return {f"{kind}__{channel}": "on" for kind in NotificationKind.values for channel in ("in_app", "email")}


def test_requires_login() -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_page_lists_every_kind_with_labelled_checkboxes() -> None:
    html = logged_in(UserFactory()).get(URL).content.decode()
    for kind, label in NotificationKind.choices:
        assert f"<legend>{label}</legend>" in html
        for channel in ("in_app", "email"):
            assert f'<label for="id_{kind}__{channel}">' in html
    # defaults: in-app on, e-mail off
    assert 'name="system__in_app" id="id_system__in_app" checked' in html
    assert 'name="system__email" id="id_system__email">' in html
    assert 'data-testid="no-email-note"' not in html


def test_saving_stores_every_kind_and_is_respected_by_send() -> None:
    user = UserFactory()
    data = all_on()
    del data["studio__in_app"], data["studio__email"]  # studio: both off
    del data["learning__email"]  # learning: in-app only
    client = logged_in(user)
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"] == URL

    stored = {p.kind: (p.in_app, p.email) for p in NotificationPreference.objects.filter(user=user)}
    assert stored["studio"] == (False, False)
    assert stored["learning"] == (True, False)
    assert stored["system"] == (True, True)
    assert len(stored) == len(NotificationKind.values)
    assert notification_send(recipient=user, title="工作室动态", kind=NotificationKind.STUDIO) is None

    html = client.get(URL).content.decode()
    assert "通知设置已保存" in html
    assert 'name="studio__in_app" id="id_studio__in_app">' in html  # shows the saved state
    assert 'name="system__email" id="id_system__email" checked' in html


def test_user_without_email_sees_a_link_to_add_one() -> None:
    html = logged_in(UserFactory(email="")).get(URL).content.decode()
    assert 'data-testid="no-email-note"' in html
    assert f'href="{reverse("accounts:profile_edit")}"' in html


def test_garbage_input_is_not_an_error() -> None:
    user = UserFactory()
    response = logged_in(user).post(URL, {"system__in_app": "maybe", "unknown__email": "on"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=user, kind="system").in_app is True
