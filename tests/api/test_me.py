"""GET/PATCH /api/v1/me/: the user's own profile, changed through accounts.services.user_profile_update."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import Role

pytestmark = pytest.mark.django_db

ME = reverse("v1:me")


@pytest.fixture
def worker_api(people) -> APIClient:  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(people["worker_a"])
    return api


def test_anonymous_gets_401(db):
    assert APIClient().get(ME).status_code == 401


def test_get_returns_the_own_profile(worker_api, people):
    body = worker_api.get(ME).json()
    worker = people["worker_a"]
    assert body["id"] == worker.pk
    assert body["mobile"] == worker.mobile
    assert body["role"] == "worker"
    assert body["role_display"] == "学员"
    assert body["organisation"]["code"] == "zmj"
    assert body["organisation"]["name"] == "郑州煤矿机械集团"
    assert body["avatar"] is None
    assert body["is_union_staff"] is False


def test_patch_changes_the_given_fields_only(worker_api, people):
    response = worker_api.patch(
        ME, {"real_name": "王师傅", "employer": "郑煤机", "skill_level": "3"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["skill_level_display"] == "三级/高级工"
    worker = people["worker_a"]
    old_mobile = worker.mobile
    worker.refresh_from_db()
    assert (worker.real_name, worker.employer, worker.skill_level) == ("王师傅", "郑煤机", "3")
    assert worker.mobile == old_mobile


def test_invalid_mobile_is_400_in_chinese_and_nothing_is_saved(worker_api, people):
    worker = people["worker_a"]
    before = (worker.real_name, worker.mobile)
    response = worker_api.patch(ME, {"real_name": "改了名字", "mobile": "12345"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"mobile": ["请输入有效的 11 位中国大陆手机号码，例如 13800138000。"]}
    worker.refresh_from_db()
    assert (worker.real_name, worker.mobile) == before


def test_a_mobile_taken_by_someone_else_is_refused(worker_api, people):
    response = worker_api.patch(ME, {"mobile": people["master_a"].mobile}, format="json")
    assert response.status_code == 400
    assert response.json() == {"mobile": ["该手机号已被注册。"]}


def test_blank_name_and_unknown_level_are_explained(worker_api):
    response = worker_api.patch(ME, {"real_name": "", "skill_level": "grand"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"real_name", "skill_level"}
    assert "grand" in body["skill_level"][0]
    assert any("\u4e00" <= char <= "\u9fff" for char in body["real_name"][0])


def test_clearing_the_mobile_stores_none(worker_api, people):
    assert worker_api.patch(ME, {"mobile": ""}, format="json").status_code == 200
    people["worker_a"].refresh_from_db()
    assert people["worker_a"].mobile is None


def test_role_and_organisation_cannot_be_changed_here(worker_api, people, org_tree):
    changes = {"role": Role.ADMIN, "organisation": "zz", "trade": "电工"}
    response = worker_api.patch(ME, changes, format="json")
    assert response.status_code == 200
    worker = people["worker_a"]
    worker.refresh_from_db()
    assert worker.role == Role.WORKER
    assert worker.organisation == org_tree["a1"]
    assert worker.trade == "电工"


def test_avatar_upload(worker_api, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buffer, format="PNG")
    upload = SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")
    response = worker_api.patch(ME, {"avatar": upload}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["avatar"].startswith("http://testserver/media/avatars/")
    people["worker_a"].refresh_from_db()
    assert people["worker_a"].avatar.name.endswith(".png")


def test_a_non_image_avatar_is_refused(worker_api):
    upload = SimpleUploadedFile("me.png", b"not an image", content_type="image/png")
    response = worker_api.patch(ME, {"avatar": upload}, format="multipart")
    assert response.status_code == 400
    assert any("\u4e00" <= char <= "\u9fff" for char in response.json()["avatar"][0])
