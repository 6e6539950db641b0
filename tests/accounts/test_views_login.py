"""Signing in by mobile or username, django-axes lockout, logging out (real views, PostgreSQL)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")


@pytest.fixture
def worker(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="zhangsan", mobile="13800138000", real_name="张三")


def _post_login(client, login: str, password: str, **extra):  # type: ignore[no-untyped-def]
    return client.post(LOGIN_URL, {"username": login, "password": password, **extra})


def test_login_page_has_chinese_labels_tied_to_inputs(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_username">手机号或用户名' in html
    assert '<label for="id_password">密码' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html


def test_login_by_mobile(client, worker):
    response = _post_login(client, "13800138000", DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(worker.pk)


def test_login_by_username_any_case(client, worker):
    response = _post_login(client, " ZhangSan ", DEFAULT_PASSWORD, next="/accounts/profile/")
    assert response.status_code == 302
    assert response.url == "/accounts/profile/"
    assert client.session["_auth_user_id"] == str(worker.pk)


def test_login_ignores_next_to_another_site(client, worker):
    response = _post_login(client, "zhangsan", DEFAULT_PASSWORD, next="https://evil.example.com/")
    assert response.status_code == 302
    assert response.url == "/"


def test_wrong_password_gives_clear_chinese_error(client, worker):
    response = _post_login(client, "13800138000", "wrong-password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "手机号/用户名或密码不正确" in html
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_unknown_login_gives_the_same_error(client, db):
    response = _post_login(client, "13999999999", "whatever-123")
    assert "手机号/用户名或密码不正确" in response.content.decode()


def test_empty_form_asks_for_both_fields(client, db):
    response = _post_login(client, "", "")
    html = response.content.decode()
    assert "请输入手机号或用户名。" in html
    assert "请输入密码。" in html
    assert 'aria-describedby="id_username_error"' in html
    assert 'aria-invalid="true"' in html


def test_inactive_user_cannot_log_in(client, db):
    UserFactory(username="gone", mobile="13700000000", is_active=False)
    response = _post_login(client, "gone", DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_out_even_the_right_password(client, worker):
    for _attempt in range(4):
        response = _post_login(client, "13800138000", "wrong-password")
        assert response.status_code == 200
    response = _post_login(client, "13800138000", "wrong-password")
    assert response.status_code == 429 or response.status_code == 403
    assert "accounts/locked_out.html" in [t.name for t in response.templates]

    response = _post_login(client, "13800138000", DEFAULT_PASSWORD)
    assert response.status_code in (403, 429)
    html = response.content.decode()
    assert "登录已暂时锁定" in html
    assert "连续 5 次登录失败" in html
    assert "请在 30 分钟后再试" in html
    assert "_auth_user_id" not in client.session


def test_lockout_counts_mobile_and_any_spelling_of_username_together(client, worker):
    for login in ("13800138000", "zhangsan", "ZHANGSAN", " ZhangSan", "13800138000"):
        _post_login(client, login, "wrong-password")
    assert AccessAttempt.objects.filter(username="zhangsan").exists()
    response = _post_login(client, "zhangsan", DEFAULT_PASSWORD)
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account_and_address(client, worker):
    other = UserFactory(username="lisi", mobile="13800138001")
    for _attempt in range(5):
        _post_login(client, "zhangsan", "wrong-password")
    # another account from the same address still gets in
    response = _post_login(client, "lisi", DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)
    # the locked account from another address also still gets in
    client.logout()
    response = client.post(
        LOGIN_URL, {"username": "zhangsan", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302


def test_success_resets_the_failure_count(client, worker):
    for _attempt in range(4):
        _post_login(client, "zhangsan", "wrong-password")
    assert _post_login(client, "zhangsan", DEFAULT_PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(4):
        _post_login(client, "zhangsan", "wrong-password")
    assert _post_login(client, "zhangsan", DEFAULT_PASSWORD).status_code == 302


def test_logout_is_post_only(client, worker):
    client.force_login(worker, backend="accounts.backends.MobileOrUsernameBackend")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signed_in_user_is_sent_on_from_login_page(client, worker):
    client.force_login(worker, backend="accounts.backends.MobileOrUsernameBackend")
    assert client.get(LOGIN_URL).status_code == 302
