"""The pipeline on a storage without local paths (like S3): the worker downloads the original into its
scratch folder and stores every result through Django's storage API."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage

from media.models import VideoStatus
from media.services import processing
from media.services.storage import storage_delete_tree

from .conftest import FFMPEG, sha256, upload_file

pytestmark = pytest.mark.django_db


class RemoteLikeStorage(Storage):
    """What S3Storage looks like to the pipeline: files in and out as streams, no local paths, no moves."""

    def __init__(self) -> None:
        self._bucket = FileSystemStorage(location=Path(settings.MEDIA_ROOT) / "bucket")

    def _open(self, name: str, mode: str = "rb") -> File:
        return self._bucket._open(name, mode)

    def _save(self, name: str, content: File) -> str:
        return self._bucket._save(name, File(content.file))  # streamed; never renamed into place

    def delete(self, name: str) -> None:
        self._bucket.delete(name)

    def exists(self, name: str) -> bool:
        return self._bucket.exists(name)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        return self._bucket.listdir(path)

    def size(self, name: str) -> int:
        return self._bucket.size(name)

    def url(self, name: str | None) -> str:
        return f"https://bucket.example.cn/{name}"


@pytest.fixture
def remote_storage(settings, media_root):  # type: ignore[no-untyped-def]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.media.test_storage.RemoteLikeStorage"},
    }
    with pytest.raises(NotImplementedError):
        default_storage.path("anything")  # no local paths, as with S3
    return default_storage


def _download_tree(prefix: str, target: Path) -> None:
    dirs, files = default_storage.listdir(prefix)
    target.mkdir(parents=True, exist_ok=True)
    for name in files:
        with default_storage.open(f"{prefix}/{name}", "rb") as handle:
            (target / name).write_bytes(handle.read())
    for name in dirs:
        _download_tree(f"{prefix}/{name}", target / name)


def test_pipeline_runs_against_a_storage_without_local_paths(remote_storage, people, samples, tmp_path):
    video = upload_file(owner=people["master_a"], path=samples.small)
    with default_storage.open(video.original.name, "rb") as handle:
        assert handle.read() == samples.small.read_bytes()
    assert processing.video_process(video_id=video.pk, holder=processing.worker_holder("s3")) == "ready"
    video.refresh_from_db()
    assert video.status == VideoStatus.READY
    _download_tree(video.output_prefix, tmp_path / "out")  # as a CDN would serve it
    master = tmp_path / "out" / "master.m3u8"
    done = subprocess.run(
        [FFMPEG, "-v", "error", "-i", str(master), "-map", "0", "-f", "null", "-"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    assert sha256(tmp_path / "out" / "fallback.mp4") and (tmp_path / "out" / "sprite.jpg").stat().st_size
    storage_delete_tree(f"videos/{video.uid}")
    assert not default_storage.exists(video.hls_master.name)


def _storage_in_a_fresh_process(**env: str) -> dict[str, str]:
    """Settings are read from the environment at start: ask a new process what its default storage is."""
    import json
    import os
    import sys

    script = (
        "import django, json; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(json.dumps({'backend': type(s).__module__ + '.' + type(s).__name__,"
        " 'url': s.url('videos/u/renditions/r/master.m3u8')}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_s3_compatible_storage_is_chosen_by_environment_variables():
    assert _storage_in_a_fresh_process(AWS_STORAGE_BUCKET_NAME="")["backend"].endswith("FileSystemStorage")
    bucket = {
        "AWS_STORAGE_BUCKET_NAME": "jianglian-media",
        "AWS_S3_ENDPOINT_URL": "https://minio.example.cn:9000",
        "AWS_S3_REGION_NAME": "cn-central-1",
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
    }
    signed = _storage_in_a_fresh_process(**bucket)
    assert signed["backend"] == "storages.backends.s3.S3Storage"
    assert signed["url"].startswith("https://minio.example.cn:9000/jianglian-media/videos/u/renditions/r/")
    assert "Signature=" in signed["url"]  # the default: signed URLs (see README for HLS)
    public = _storage_in_a_fresh_process(**bucket, AWS_QUERYSTRING_AUTH="false")
    assert public["url"] == "https://minio.example.cn:9000/jianglian-media/videos/u/renditions/r/master.m3u8"
