"""POST/DELETE /api/v1/auth/token/: login by mobile or username, Chinese errors, django-axes lockout."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("v1:auth-token")
ME = reverse("v1:me")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _login(api: APIClient, login: str, password: str = DEFAULT_PASSWORD):  # type: ignore[no-untyped-def]
    return api.post(URL, {"login": login, "password": password}, format="json")


def test_token_by_mobile_and_then_used_for_requests(api, people):
    worker = people["worker_a"]
    response = _login(api, worker.mobile)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["token"] == Token.objects.get(user=worker).key
    assert body["user"]["username"] == "workera"
    assert body["user"]["organisation"]["code"] == "zmj"

    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    me = fresh.get(ME)
    assert me.status_code == 200
    assert me.json()["id"] == worker.pk


def test_token_by_username_is_case_insensitive_and_stable(api, people):
    first = _login(api, " WorkerA ")
    second = _login(api, "workera")
    assert first.status_code == second.status_code == 200
    assert first.json()["token"] == second.json()["token"]


def test_login_records_last_login(api, people):
    worker = people["worker_a"]
    assert worker.last_login is None
    assert _login(api, "workera").status_code == 200
    worker.refresh_from_db()
    assert worker.last_login is not None


def test_wrong_password_is_400_with_chinese_message_and_no_token(api, people):
    response = _login(api, "workera", "not-the-password")
    assert response.status_code == 400
    assert response.json() == {"detail": "手机号/用户名或密码不正确。"}
    assert not Token.objects.exists()


def test_unknown_login_and_inactive_user_get_the_same_answer(api, people):
    UserFactory(username="gone", is_active=False)
    for login in ("nobody", "gone"):
        response = _login(api, login)
        assert response.status_code == 400
        assert response.json()["detail"] == "手机号/用户名或密码不正确。"


def test_missing_fields_are_explained_in_chinese(api, db):
    response = api.post(URL, {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"login", "password"}
    assert all(_is_chinese(messages[0]) for messages in body.values()), body


def test_a_stale_token_does_not_block_a_new_login(api, people):
    api.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert _login(api, "workera").status_code == 200


def test_lockout_applies_to_the_api(api, people):
    limit = settings.AXES_FAILURE_LIMIT
    worker = people["worker_a"]
    for _attempt in range(limit - 1):
        assert _login(api, "workera", "wrong-password").status_code == 400

    locking = _login(api, worker.mobile, "wrong-password")  # the mobile counts for the same account
    assert locking.status_code == 429
    assert locking["Content-Type"].startswith("application/json")  # not AxesMiddleware's HTML page
    assert "锁定" in locking.json()["detail"]

    # even the right password is refused while locked, and no token is issued
    locked = _login(api, "workera")
    assert locked.status_code == 429
    assert "分钟后再试" in locked.json()["detail"]
    assert not Token.objects.filter(user=worker).exists()
    assert AccessAttempt.objects.filter(username="workera").exists()

    # another account from the same address is not affected
    assert _login(api, "mastera").status_code == 200


def test_a_successful_login_resets_the_failure_count(api, people):
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        assert _login(api, "workera", "wrong-password").status_code == 400
    assert _login(api, "workera").status_code == 200
    for _attempt in range(limit - 1):
        assert _login(api, "workera", "wrong-password").status_code == 400
    assert _login(api, "workera").status_code == 200


def test_delete_revokes_the_token(api, people):
    token = _login(api, "workera").json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.delete(URL).status_code == 204
    assert not Token.objects.filter(key=token).exists()

    response = api.get(ME)
    assert response.status_code == 401
    assert response.json()["detail"] == "认证令牌无效。"


def test_delete_without_credentials_is_401_in_chinese(api, db):
    response = api.delete(URL)
    assert response.status_code == 401
    assert response.json()["detail"] == "身份认证信息未提供。"
    assert response["WWW-Authenticate"] == "Token"
