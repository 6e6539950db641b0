"""Sample media made with the real ffmpeg (no fixtures checked in), and helpers to get a video into the
pipeline the way a user does: through the resumable upload services."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from media import services
from media.models import Video

FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"


def ffmpeg(*args: str) -> None:
    """Run the real ffmpeg; a missing ffmpeg fails the test (scripts/services.sh install provides it)."""
    if not Path(FFMPEG).exists():
        pytest.fail("ffmpeg is not installed (run scripts/services.sh install)", pytrace=False)
    subprocess.run([FFMPEG, "-hide_banner", "-nostdin", "-y", "-v", "error", *args], check=True, timeout=120)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _clip(
    path: Path,
    *,
    size: str,
    seconds: int,
    rate: int = 10,
    audio: bool = True,
    faststart: bool = False,
    pattern: str = "testsrc",
    crf: int = 23,
) -> Path:
    """testsrc (or ``pattern``, e.g. the harder-to-compress testsrc2) + a sine tone, H.264/AAC."""
    args = ["-f", "lavfi", "-i", f"{pattern}=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    args += [
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-crf",
        str(crf),
        "-pix_fmt",
        "yuv420p",
        "-g",
        str(rate),
    ]
    if audio:
        args += ["-c:a", "aac", "-b:a", "64k", "-shortest"]
    if faststart:
        args += ["-movflags", "+faststart"]
    ffmpeg(*args, str(path))
    return path


def _truncate(source: Path, target: Path, share: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * share)])
    return target


@dataclass(frozen=True)
class Samples:
    small: Path  # 320x240, 2 s, with sound
    hd: Path  # 1280x720, 2 s, with sound
    silent: Path  # 320x240, 2 s, no sound track
    truncated: Path  # the first half of an MP4 whose index (moov) is at the end: unreadable
    truncated_faststart: Path  # the first half of a 4 s MP4 with the index up front: decodes < 2 s
    text: Path  # a text file named .mp4
    audio_only: Path  # sound, no picture
    image: Path  # a PNG named .mp4
    unknown_codec: Path  # an AVI whose video track has a FourCC no decoder knows (a proprietary camera codec)


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Samples:
    root = tmp_path_factory.mktemp("media-samples")
    small = _clip(root / "small.mp4", size="320x240", seconds=2)
    faststart = _clip(root / "long_faststart.mp4", size="320x240", seconds=4, faststart=True)
    audio_only = root / "voice.mp4"
    ffmpeg("-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac", str(audio_only))
    png = root / "photo.png"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", str(png))
    image = root / "photo.mp4"
    shutil.copy(png, image)
    unknown_codec = root / "camera.avi"
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1"),
        *("-c:v", "mpeg4", "-strict", "-2", "-tag:v", "ZZZZ", str(unknown_codec)),
    )
    text = root / "notes.mp4"
    text.write_text("这不是视频，只是一段文字。\n" * 50, encoding="utf-8")
    return Samples(
        small=small,
        hd=_clip(root / "hd.mp4", size="1280x720", seconds=2),
        silent=_clip(root / "silent.mp4", size="320x240", seconds=2, audio=False),
        truncated=_truncate(small, root / "truncated.mp4", 0.5),
        truncated_faststart=_truncate(faststart, root / "truncated_faststart.mp4", 0.5),
        text=text,
        audio_only=audio_only,
        image=image,
        unknown_codec=unknown_codec,
    )


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A private MEDIA_ROOT for in-process tests (storage, upload temp files and scratch all under it)."""
    root = tmp_path / "media-root"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def browser_login(page, client, user, live_server) -> None:  # type: ignore[no-untyped-def]
    """Sign ``user`` in for ``page`` (a context of the shared ``chromium_browser``) with a session cookie."""
    from django.conf import settings

    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def upload_file(*, owner, path: Path, title: str = "", parts: int = 1) -> Video:  # type: ignore[no-untyped-def]
    """Upload ``path`` through the tus services in ``parts`` PATCHes, as a client would; returns the video."""
    data = path.read_bytes()
    session = services.upload_create(
        owner=owner, length=len(data), metadata={"filename": path.name, "title": title or path.stem}
    )
    step = -(-len(data) // parts)
    for start in range(0, len(data), step):
        chunk = data[start : start + step]
        session = services.upload_append(
            session=session, offset=start, stream=io.BytesIO(chunk), length=len(chunk)
        )
    return Video.objects.get(pk=session.video_id)


from .workers import killable_workers  # noqa: E402, F401  (extra real workers that a test may SIGKILL)
