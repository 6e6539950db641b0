"""ffprobe: read a source's metadata and decide whether it can become a playable video.

Every refusal is a ``VideoRejected`` with a Chinese reason the uploader can act on.
"""

from __future__ import annotations

import functools
import json
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .. import conf

MAX_PIXELS = 8192 * 4320  # 8K; larger sources are refused rather than left to exhaust a worker
PROBE_TIMEOUT = 120  # seconds; a stuck ffprobe (damaged file, dead network mount) must not hang the job


class VideoRejected(Exception):
    """The source can never be processed; ``reason`` is shown to the uploader."""

    def __init__(self, reason: str, *, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class ProbeResult:
    duration: float
    width: int  # display size: rotation already applied
    height: int
    rotation: int
    frame_rate: float | None
    video_codec: str
    audio_codec: str
    format_name: str

    @property
    def has_audio(self) -> bool:
        return bool(self.audio_codec)

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)

    @property
    def is_portrait(self) -> bool:
        return self.height > self.width


@functools.lru_cache(maxsize=4)
def _decoders(binary: str) -> frozenset[str]:
    """Names of the decoders this ffmpeg build has (``ffmpeg -decoders``)."""
    out = subprocess.run(
        [binary, "-hide_banner", "-decoders"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 6 and parts[0][0] in "VAS":
            names.add(parts[1])
    return frozenset(names)


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _rate(value: str | None) -> float | None:
    if not value or "/" not in value:
        return _float(value)
    num, den = value.split("/", 1)
    n, d = _float(num), _float(den)
    return round(n / d, 3) if n and d else None


def _rotation(stream: dict[str, Any]) -> int:
    for side in stream.get("side_data_list") or []:
        if "rotation" in side:
            return int(_float(side["rotation"]) or 0) % 360
    return int(_float((stream.get("tags") or {}).get("rotate")) or 0) % 360


def probe_raw(path: Path) -> dict[str, Any]:
    """ffprobe's JSON for ``path``; a file ffprobe cannot open is rejected."""
    return _ffprobe(path)


def _ffprobe(path: Path, *extra: str) -> dict[str, Any]:
    args = [
        conf.ffprobe_binary(),
        "-v",
        "error",
        "-show_format",
        "-show_streams",
        "-of",
        "json",
        *extra,
        str(path),
    ]
    try:
        done = subprocess.run(args, capture_output=True, timeout=PROBE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise VideoRejected(_("检测视频文件超时，文件可能已损坏。")) from exc
    if done.returncode != 0:
        raise VideoRejected(
            _("无法识别该文件：它不是视频文件，或者文件已损坏、没有传完整。请检查后重新上传。"),
            detail=done.stderr.decode("utf-8", "replace")[-4096:],
        )
    try:
        return json.loads(done.stdout.decode("utf-8", "replace") or "{}")
    except ValueError as exc:
        raise VideoRejected(_("无法识别该文件：ffprobe 输出无法解析。")) from exc


def probe_video(path: Path) -> ProbeResult:
    """Probe and validate: a video stream with a decodable codec, a positive duration, a sane size."""
    info = probe_raw(path)
    streams = info.get("streams") or []
    fmt = info.get("format") or {}
    videos = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")
    ]
    audios = [s for s in streams if s.get("codec_type") == "audio"]
    if not videos:
        if audios:
            raise VideoRejected(_("文件里只有声音，没有视频画面。请上传视频文件。"))
        raise VideoRejected(_("文件里没有视频画面，无法作为视频使用。"))
    video = videos[0]
    codec = (video.get("codec_name") or "").lower()
    decoders = _decoders(conf.ffmpeg_binary())
    if not codec or codec in {"none", "unknown"} or codec not in decoders:
        # a codec ffmpeg does not know has no name: the container's tag (an AVI FourCC) says what it is
        tag = str(video.get("codec_tag_string") or "").strip()
        raise VideoRejected(
            _(
                "不支持的视频编码（%(codec)s）。"
                "请用手机或电脑自带的录像功能导出为 MP4（H.264/H.265）后重新上传。"
            )
            % {"codec": codec if codec not in {"", "none", "unknown"} else (tag or "?")},
            detail=json.dumps(video, ensure_ascii=False)[:4096],
        )
    duration = _float(fmt.get("duration")) or _float(video.get("duration")) or 0.0
    if duration <= 0:
        raise VideoRejected(_("视频时长为零（可能是一张图片或空文件），无法播放。"))
    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    if width <= 0 or height <= 0:
        raise VideoRejected(_("无法读出视频画面的尺寸，文件可能已损坏。"))
    if width * height > MAX_PIXELS:
        raise VideoRejected(_("视频分辨率过高（%(w)d×%(h)d），最高支持 8K。") % {"w": width, "h": height})
    rotation = _rotation(video)
    if rotation in (90, 270):
        width, height = height, width
    audio_codec = ""
    if audios:
        audio_codec = (audios[0].get("codec_name") or "").lower()
        if audio_codec not in decoders:
            audio_codec = ""  # an undecodable sound track is dropped rather than failing the whole video
    return ProbeResult(
        duration=round(duration, 3),
        width=width,
        height=height,
        rotation=rotation,
        frame_rate=_rate(video.get("avg_frame_rate")) or _rate(video.get("r_frame_rate")),
        video_codec=codec,
        audio_codec=audio_codec,
        format_name=str(fmt.get("format_name") or ""),
    )


def probe_output_stream(path: Path) -> dict[str, Any]:
    """The first video stream of an output we produced (for codec strings and sizes)."""
    streams = _ffprobe(path, "-select_streams", "v:0").get("streams") or [{}]
    return streams[0]
