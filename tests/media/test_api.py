"""The tus upload endpoint and the video API, over HTTP: creation, offsets, a connection dropped in the
middle of a PATCH and resumed, limits, termination, permissions."""

from __future__ import annotations

import base64
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from media.models import UploadSession, Video, VideoStatus

from .conftest import sha256

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}
CREATE_URL = "/api/v1/media/uploads/"


def _meta(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def _client(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def _create(client: APIClient, length: int, **meta: str):  # type: ignore[no-untyped-def]
    return client.post(CREATE_URL, HTTP_UPLOAD_LENGTH=str(length), HTTP_UPLOAD_METADATA=_meta(**meta), **TUS)


def _patch(client: APIClient, url: str, offset: int, body: bytes):  # type: ignore[no-untyped-def]
    return client.generic(
        "PATCH",
        url,
        body,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET=str(offset),
        **TUS,
    )


@pytest.mark.django_db
def test_options_advertises_tus_core_and_extensions(people):
    response = APIClient().options(CREATE_URL)
    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert set(response["Tus-Extension"].split(",")) >= {"creation", "termination"}
    assert int(response["Tus-Max-Size"]) == 4 * 1024**3


@pytest.mark.django_db
def test_upload_in_chunks_stores_the_original_byte_for_byte(
    people, samples, media_root, django_capture_on_commit_callbacks
):
    data = samples.small.read_bytes()
    client = _client(people["master_a"])
    created = _create(client, len(data), filename="课程.mp4", title="数控车床对刀")
    assert created.status_code == 201, created.content
    url = urlsplit(created["Location"]).path
    assert client.head(url, **TUS)["Upload-Offset"] == "0"
    half = len(data) // 2
    assert _patch(client, url, 0, data[:half])["Upload-Offset"] == str(half)
    conflict = _patch(client, url, 0, data[:10])  # a stale client: told where the server is
    assert conflict.status_code == 409 and conflict["Upload-Offset"] == str(half)
    with django_capture_on_commit_callbacks() as callbacks:
        done = _patch(client, url, half, data[half:])
    assert done.status_code == 204 and done["Upload-Offset"] == str(len(data))
    assert len(callbacks) == 1  # processing enqueued once the upload is complete
    video = Video.objects.get(uid=done["X-Video-Id"])
    assert (video.title, video.original_name, video.status) == (
        "数控车床对刀",
        "课程.mp4",
        VideoStatus.UPLOADED,
    )
    assert sha256(Path(default_storage.path(video.original.name))) == sha256(samples.small)


@pytest.mark.django_db
def test_limits_and_bad_requests_get_chinese_messages(people, settings, media_root):
    settings.MEDIA_UPLOAD_MAX_BYTES = 1000
    client = _client(people["master_a"])
    too_big = _create(client, 1001, filename="a.mp4")
    assert too_big.status_code == 413 and "文件太大" in too_big.json()["detail"]
    assert _create(client, 0, filename="a.mp4").status_code == 400
    no_version = client.post(CREATE_URL, HTTP_UPLOAD_LENGTH="10")
    assert no_version.status_code == 412 and "tus" in no_version.json()["detail"]
    bad_meta = client.post(CREATE_URL, HTTP_UPLOAD_LENGTH="10", HTTP_UPLOAD_METADATA="filename ###", **TUS)
    assert bad_meta.status_code == 400 and "Upload-Metadata" in bad_meta.json()["detail"]
    url = urlsplit(_create(client, 10, filename="a.mp4")["Location"]).path
    assert _patch(client, url, 0, b"x" * 11).status_code == 413
    assert Video.objects.count() == 1 and UploadSession.objects.count() == 1  # nothing half-written


@pytest.mark.django_db
def test_uploads_are_private_and_workers_cannot_upload(people, media_root):
    assert _create(_client(people["worker_a"]), 10, filename="a.mp4").status_code == 403
    assert APIClient().post(CREATE_URL, HTTP_UPLOAD_LENGTH="10", **TUS).status_code == 401
    url = urlsplit(_create(_client(people["master_a"]), 10, filename="a.mp4")["Location"]).path
    assert _client(people["master_b"]).head(url, **TUS).status_code == 404  # someone else's upload


@pytest.mark.django_db
def test_termination_removes_the_unfinished_upload(people, media_root, django_capture_on_commit_callbacks):
    client = _client(people["master_a"])
    url = urlsplit(_create(client, 100, filename="a.mp4")["Location"]).path
    _patch(client, url, 0, b"x" * 40)
    temp = Path(UploadSession.objects.get().temp_path)
    assert temp.stat().st_size == 40
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(url, **TUS).status_code == 204
    assert not Video.objects.exists() and not temp.exists()
    assert client.head(url, **TUS).status_code == 404


def _raw_patch_then_drop(base: str, path: str, token: str, offset: int, declared: int, sent: bytes) -> None:
    """A PATCH that announces ``declared`` bytes, sends ``sent`` and loses the connection."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    head = (
        f"PATCH {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Token {token}\r\n"
        f"Tus-Resumable: 1.0.0\r\nUpload-Offset: {offset}\r\n"
        f"Content-Type: application/offset+octet-stream\r\nContent-Length: {declared}\r\n\r\n"
    )
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(head.encode() + sent)
        connection.shutdown(socket.SHUT_WR)  # the phone lost its network: the body ends here
        connection.settimeout(10)
        try:
            while connection.recv(4096):
                pass
        except OSError:
            pass


def test_dropped_connection_resumes_where_it_stopped(live_server, people, samples, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    data = samples.hd.read_bytes()
    token = Token.objects.create(user=people["master_a"]).key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    created = _create(client, len(data), filename="hd.mp4")
    path = urlsplit(created["Location"]).path
    cut = len(data) // 3
    _raw_patch_then_drop(live_server.url, path, token, 0, len(data), data[:cut])

    offset = int(client.head(path, **TUS)["Upload-Offset"])
    assert 0 < offset <= cut  # every byte that arrived is kept, nothing more
    assert _patch(client, path, offset, data[offset:]).status_code == 204
    video = Video.objects.get(uid=created["X-Video-Id"])
    assert video.status == VideoStatus.UPLOADED
    assert sha256(Path(default_storage.path(video.original.name))) == sha256(samples.hd)


@pytest.mark.django_db
def test_a_text_file_is_refused_on_upload_with_a_chinese_reason(
    people, samples, media_root, django_capture_on_commit_callbacks
):
    data = samples.text.read_bytes()
    client = _client(people["master_a"])
    url = urlsplit(_create(client, len(data), filename="notes.mp4")["Location"]).path
    with django_capture_on_commit_callbacks() as callbacks:
        done = _patch(client, url, 0, data)
    assert done.status_code == 204 and callbacks == []  # the upload itself succeeded; no job queued
    video = Video.objects.get(uid=done["X-Video-Id"])
    assert video.status == VideoStatus.FAILED and "不是视频文件" in video.error_reason
    assert Path(default_storage.path(video.original.name)).read_bytes() == data  # kept as uploaded
    detail = client.get(f"/api/v1/media/videos/{video.uid}/").json()
    assert detail["status"] == "failed" and detail["error_reason"] == video.error_reason
