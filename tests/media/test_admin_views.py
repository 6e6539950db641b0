"""The Wagtail admin's 视频 section (scoped listing, live progress JSON, actions), the chooser, and the
site's video pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from media.models import VideoStatus

from .factories import VideoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def videos(people):  # type: ignore[no-untyped-def]
    return {
        "a": VideoFactory(owner=people["master_a"], title="金水区的课", status="processing", stage="transcode", percent=42),
        "b": VideoFactory(owner=people["master_b"], title="二七区的课", status="ready", stage="done", percent=100),
        "failed": VideoFactory(
            owner=people["master_a"], title="坏文件", status="failed", error_reason="无法识别该文件",
            stderr_tail="moov atom not found",
        ),
    }  # fmt: skip


def _admin_client(client, user):  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def test_listing_is_scoped_to_the_staff_subtree(client, people, videos):
    response = _admin_client(client, people["staff_b"]).get(reverse("media_admin:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "二七区的课" in body and "金水区的课" not in body and "坏文件" not in body
    city = _admin_client(client, people["city_staff"]).get(reverse("media_admin:index") + "?status=failed")
    assert "坏文件" in city.content.decode() and "二七区的课" not in city.content.decode()


def test_progress_json_reports_only_managed_videos(client, people, videos):
    url = reverse("media_admin:progress")
    uids = [str(v.uid) for v in videos.values()] + ["not-a-uuid"]
    data = _admin_client(client, people["staff_a"]).get(url, {"uid": uids}).json()
    assert set(data) == {str(videos["a"].uid), str(videos["failed"].uid)}
    assert data[str(videos["a"].uid)] == {
        "status": "processing", "status_display": "转码中", "stage_display": "转码为多种清晰度",
        "percent": 42, "finished": False, "error": "",
    }  # fmt: skip


def test_staff_see_the_failure_reason_and_stderr_and_retry(
    client, people, videos, django_capture_on_commit_callbacks
):
    admin = _admin_client(client, people["staff_a"])
    page = admin.get(reverse("media_admin:detail", args=[videos["failed"].uid])).content.decode()
    assert "无法识别该文件" in page and "moov atom not found" in page
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin.post(reverse("media_admin:retry", args=[videos["failed"].uid]))
    assert response.status_code == 302 and len(callbacks) == 1
    videos["failed"].refresh_from_db()
    assert videos["failed"].status == VideoStatus.PROCESSING and videos["failed"].stderr_tail == ""
    assert admin.post(reverse("media_admin:retry", args=[videos["b"].uid])).status_code == 404  # not theirs


def test_regenerating_a_processing_video_is_refused_with_a_message(client, people, videos):
    admin = _admin_client(client, people["master_a"])
    detail = reverse("media_admin:detail", args=[videos["a"].uid])
    response = admin.post(
        reverse("media_admin:regenerate", args=[videos["a"].uid]), HTTP_REFERER=detail, follow=True
    )
    assert "只有可播放的视频可以重新生成" in response.content.decode()


def test_chooser_offers_ready_videos_the_editor_manages(client, people, videos):
    mine = VideoFactory(owner=people["master_b"], title="可选的课", status="ready")
    admin = _admin_client(client, people["master_b"])
    body = admin.get(reverse("media_video_chooser:choose")).json()["html"]
    assert "可选的课" in body and "二七区的课" in body and "金水区的课" not in body
    chosen = admin.get(reverse("media_video_chooser:chosen", args=[mine.pk])).json()
    assert chosen["result"]["title"] == "可选的课"
    from media.widgets import VideoChooser

    assert "可选的课" in VideoChooser().render("video", mine.pk, attrs={"id": "id_video"})


def test_site_status_fragment_and_upload_page(client, people, videos):
    client.force_login(people["master_a"])
    fragment = client.get(reverse("media:status", args=[videos["a"].uid])).content.decode()
    assert 'value="42"' in fragment and 'hx-trigger="every 2s"' in fragment
    upload = client.get(reverse("media:upload")).content.decode()
    assert "data-video-uploader" in upload and "tus.min.js" in upload
    client.force_login(people["worker_a"])
    assert client.get(reverse("media:upload")).status_code == 403
    assert client.get(reverse("media:status", args=[videos["a"].uid])).status_code == 404


def test_admin_menu_and_upload_page_with_progress_bar(client, people):
    admin = _admin_client(client, people["master_a"])
    home = admin.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("media_admin:index") in home  # the 视频 menu item
    page = admin.get(reverse("media_admin:upload")).content.decode()
    assert "data-video-uploader" in page and "<progress" in page and "tus.min.js" in page
    assert reverse("media_admin:index") + "00000000-0000-0000-0000-000000000000/" in page  # back to the admin
    worker = _admin_client(client, people["worker_a"])
    refused = worker.get(reverse("media_admin:upload"))  # Wagtail: a message and back to the dashboard
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert reverse("media_admin:index") not in worker.get(reverse("wagtailadmin_home")).content.decode()


def test_media_pages_in_english(client, people, videos, settings):
    client.force_login(people["master_a"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    upload = client.get(reverse("media:upload")).content.decode()
    assert "Upload video" in upload and "Start upload" in upload
    assert "Uploaded {percent}% ({loaded} / {total})" in upload  # the uploader's strings, for the JS
    status = client.get(reverse("media:status", args=[videos["failed"].uid])).content.decode()
    assert "Retry" in status and "重试" not in status
