"""Own profile page, profile edit (with avatar upload) and password change."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import User
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.studios.factories import StudioFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("accounts:profile")
EDIT_URL = reverse("accounts:profile_edit")
PASSWORD_URL = reverse("accounts:password_change")
BACKEND = "accounts.backends.MobileOrUsernameBackend"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def worker(org_tree):  # type: ignore[no-untyped-def]
    return UserFactory(
        username="wangxm", real_name="王小明", mobile="13912345678", organisation=org_tree["a1"], trade="焊工"
    )


@pytest.fixture
def signed_in(client, worker):  # type: ignore[no-untyped-def]
    client.force_login(worker, backend=BACKEND)
    return client


def _png(size: tuple[int, int] = (64, 64), *, noise: bool = False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (179, 38, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=0 if noise else 6)
    return buffer.getvalue()


def _edit_data(user: User, **changes):  # type: ignore[no-untyped-def]
    data = {
        "real_name": user.real_name,
        "email": user.email,
        "mobile": user.mobile,
        "employer": user.employer,
        "trade": user.trade,
        "skill_level": user.skill_level,
    }
    data.update(changes)
    return data


def test_pages_need_sign_in(client, db):
    for url in (PROFILE_URL, EDIT_URL, PASSWORD_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_profile_shows_own_data_role_organisation_and_studios(signed_in, worker, org_tree):
    studio = StudioFactory(name="焊接技术创新工作室", organisation=org_tree["a1"])
    studio.members.add(worker)
    StudioFactory(name="别人的工作室", organisation=org_tree["b1"])
    response = signed_in.get(PROFILE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "王小明" in html
    assert "13912345678" in html
    assert "学员" in html
    assert "郑州市总工会 / 金水区总工会 / 郑州煤矿机械集团" in html
    assert "焊接技术创新工作室" in html
    assert "别人的工作室" not in html
    assert reverse("accounts:profile_edit") in html
    assert reverse("accounts:password_change") in html


def test_profile_without_studios_or_organisation(client, db):
    user = UserFactory(real_name="无组织")
    client.force_login(user, backend=BACKEND)
    html = client.get(PROFILE_URL).content.decode()
    assert "您还没有加入任何创新工作室。" in html
    assert "未指定" in html


def test_edit_form_is_prefilled_and_labelled(signed_in):
    html = signed_in.get(EDIT_URL).content.decode()
    assert 'value="王小明"' in html
    for name in ("real_name", "email", "mobile", "employer", "trade", "skill_level", "avatar"):
        assert f'<label for="id_{name}">' in html
    assert 'enctype="multipart/form-data"' in html


def test_edit_saves_through_service(signed_in, worker):
    data = _edit_data(worker, real_name="王晓明", email="wxm@example.cn", mobile="13912345679", trade="电工")
    data["skill_level"] = "2"
    response = signed_in.post(EDIT_URL, data)
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.real_name, worker.email, worker.mobile, worker.trade, worker.skill_level) == (
        "王晓明",
        "wxm@example.cn",
        "13912345679",
        "电工",
        "2",
    )


def test_edit_refuses_duplicate_mobile(signed_in, worker):
    UserFactory(mobile="13700000000")
    response = signed_in.post(EDIT_URL, _edit_data(worker, mobile="13700000000", real_name="改名"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "该手机号已被注册" in html
    assert 'aria-describedby="id_mobile_error id_mobile_helptext"' in html
    worker.refresh_from_db()
    assert worker.mobile == "13912345678"
    assert worker.real_name == "王小明"
    # the header still shows the stored name, not the refused one
    assert "改名" not in html.split("<main")[0]


def test_edit_refuses_invalid_mobile_and_email(signed_in, worker):
    response = signed_in.post(EDIT_URL, _edit_data(worker, mobile="12345", email="not-an-email"))
    html = response.content.decode()
    assert "请输入有效的 11 位中国大陆手机号码" in html
    assert "请输入有效的电子邮箱地址。" in html


def test_avatar_upload(signed_in, worker):
    avatar = SimpleUploadedFile("me.png", _png(), content_type="image/png")
    response = signed_in.post(EDIT_URL, {**_edit_data(worker), "avatar": avatar})
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.avatar.name.startswith("avatars/")
    assert worker.avatar.name.endswith(".png")
    # the profile page shows it
    assert worker.avatar.url in signed_in.get(PROFILE_URL).content.decode()
    # and it can be cleared again
    response = signed_in.post(EDIT_URL, {**_edit_data(worker), "avatar-clear": "on"})
    assert response.status_code == 302
    worker.refresh_from_db()
    assert not worker.avatar


def test_avatar_must_be_an_image(signed_in, worker):
    fake = SimpleUploadedFile("me.png", b"this is not a picture", content_type="image/png")
    response = signed_in.post(EDIT_URL, {**_edit_data(worker), "avatar": fake})
    assert response.status_code == 200
    assert "上传的文件不是有效的图片" in response.content.decode()
    worker.refresh_from_db()
    assert not worker.avatar


def test_avatar_format_is_limited(signed_in, worker):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="BMP")
    bmp = SimpleUploadedFile("me.bmp", buffer.getvalue(), content_type="image/bmp")
    response = signed_in.post(EDIT_URL, {**_edit_data(worker), "avatar": bmp})
    assert "头像只支持 JPG、PNG、GIF 或 WebP 格式。" in response.content.decode()


def test_avatar_over_5_mb_is_refused(signed_in, worker, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
    big = _png((1400, 1400), noise=True)
    assert len(big) > 5 * 1024 * 1024
    response = signed_in.post(
        EDIT_URL,
        {**_edit_data(worker), "avatar": SimpleUploadedFile("big.png", big, content_type="image/png")},
    )
    assert response.status_code == 200
    assert "头像图片不能超过 5 MB" in response.content.decode()
    worker.refresh_from_db()
    assert not worker.avatar


def test_password_change(signed_in, worker, client):
    html = signed_in.get(PASSWORD_URL).content.decode()
    for name in ("old_password", "new_password1", "new_password2"):
        assert f'<label for="id_{name}">' in html
    response = signed_in.post(
        PASSWORD_URL,
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "Xin-Mima-2026",
            "new_password2": "Xin-Mima-2026",
        },
    )
    assert response.status_code == 302
    assert response.url == PROFILE_URL
    worker.refresh_from_db()
    assert worker.check_password("Xin-Mima-2026")
    # still signed in (session hash updated)
    assert signed_in.get(PROFILE_URL).status_code == 200


def test_password_change_errors(signed_in, worker):
    response = signed_in.post(
        PASSWORD_URL,
        {"old_password": "wrong", "new_password1": "Xin-Mima-2026", "new_password2": "Xin-Mima-2027"},
    )
    html = response.content.decode()
    assert "原密码不正确，请重新输入。" in html
    assert "两次输入的新密码不一致。" in html
    response = signed_in.post(
        PASSWORD_URL,
        {"old_password": DEFAULT_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert 'id="id_new_password2_error"' in response.content.decode()
    worker.refresh_from_db()
    assert worker.check_password(DEFAULT_PASSWORD)
