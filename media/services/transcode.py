"""The ffmpeg side of the pipeline, with no database: ladder, commands, progress, HLS master, thumbnails.

Everything here works on local paths in a scratch directory; ``processing`` moves the results into
storage. ``bench/pipeline.py`` runs the very same commands bare to measure the pipeline's overhead.

Outputs (relative to the scratch directory)::

    master.m3u8                  the HLS master playlist (written here, not by ffmpeg)
    <rung>/index.m3u8, seg_*.ts  one HLS rendition per rung (H.264 + AAC, segments of ~6 s)
    fallback.mp4                 the best rung up to 720p remuxed to a progressive MP4 (no re-encode)
    poster.jpg                   a frame at 20 % of the duration
    sprite.jpg, thumbnails.vtt   scrubbing thumbnails and the WebVTT index into the sprite
"""

from __future__ import annotations

import ctypes
import math
import os
import signal
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import ffmpeg

from .. import conf
from .probe import ProbeResult, probe_output_stream

STDERR_TAIL_BYTES = 4096
KEYFRAME_SECONDS = 2  # a keyframe every 2 s: segments of any multiple line up across renditions
SPRITE_COLUMNS = 10
SPRITE_MAX_THUMBS = 100
THUMB_LONG_SIDE = 160
POSTER_LONG_SIDE = 1280
FALLBACK_MAX_SHORT_SIDE = 720
TRANSIENT_MARKERS = ("No space left on device", "Cannot allocate memory", "Resource temporarily unavailable")

ProgressCallback = Callable[[float], None]
StageCallback = Callable[[str, float], None]


@dataclass(frozen=True)
class Rung:
    name: str
    short_side: int  # the height of a landscape video, the width of a portrait one
    video_kbps: int  # VBV cap (maxrate); the encoder runs CRF below it
    audio_kbps: int
    profile: str = "main"


LADDER: tuple[Rung, ...] = (
    Rung("240p-low", 240, 300, 64),  # for weak mobile networks
    Rung("360p", 360, 800, 96),
    Rung("720p", 720, 2500, 128),
    Rung("1080p", 1080, 5000, 128, profile="high"),
)


class FFmpegFailed(Exception):
    def __init__(self, returncode: int, stderr_tail: str, *, step: str) -> None:
        super().__init__(f"ffmpeg {step} exited with {returncode}")
        self.returncode = returncode
        self.stderr_tail = stderr_tail
        self.step = step

    @property
    def transient(self) -> bool:
        """Killed by a signal (OOM killer, shutdown) or out of disk/memory: worth another try."""
        return self.returncode < 0 or any(marker in self.stderr_tail for marker in TRANSIENT_MARKERS)


@dataclass
class RenditionOutput:
    name: str
    width: int
    height: int
    video_kbps: int
    audio_kbps: int
    bandwidth: int = 0
    average_bandwidth: int = 0
    codecs: str = ""

    @property
    def playlist(self) -> str:
        return f"{self.name}/index.m3u8"


@dataclass
class PipelineOutputs:
    renditions: list[RenditionOutput]
    duration_decoded: float
    master: str = "master.m3u8"
    mp4_fallback: str = "fallback.mp4"
    poster: str = "poster.jpg"
    sprite: str = "sprite.jpg"
    thumbnails_vtt: str = "thumbnails.vtt"
    warnings: str = ""


@dataclass
class SpritePlan:
    interval: int
    count: int
    columns: int
    rows: int
    thumb_width: int
    thumb_height: int


@dataclass
class PipelinePlan:
    """Everything decided before ffmpeg runs; the bench replays ``commands()`` bare."""

    source: Path
    out_dir: Path
    probe: ProbeResult
    renditions: list[RenditionOutput]
    fallback: RenditionOutput
    sprite: SpritePlan
    poster_at: float
    preset: str = field(default_factory=conf.x264_preset)
    segment_seconds: int = field(default_factory=conf.hls_segment_seconds)

    def transcode_args(self) -> list[str]:
        return transcode_args(self)

    def fallback_args(self) -> list[str]:
        playlist = str(self.out_dir / self.fallback.playlist)
        target = str(self.out_dir / "fallback.mp4")
        return [*_base_args(), "-i", playlist, "-map", "0", "-c", "copy", "-movflags", "+faststart", target]

    def poster_args(self) -> list[str]:
        w, h = _fit(self.probe.width, self.probe.height, POSTER_LONG_SIDE)
        return [
            *_base_args(),
            *("-ss", f"{self.poster_at:.3f}", "-i", str(self.source), "-frames:v", "1"),
            *("-vf", f"scale={w}:{h}", "-q:v", "3", "-update", "1", str(self.out_dir / "poster.jpg")),
        ]

    def sprite_args(self) -> list[str]:
        s = self.sprite
        lowest = self.renditions[0]
        # decode keyframes only (every KEYFRAME_SECONDS in our renditions) and keep one per interval
        pick = f"select='isnan(prev_selected_t)+gte(t-prev_selected_t,{s.interval - 0.5})'"
        filters = f"{pick},scale={s.thumb_width}:{s.thumb_height},tile={s.columns}x{s.rows}"
        return [
            *_base_args(),
            *("-skip_frame", "nokey", "-i", str(self.out_dir / lowest.playlist), "-an", "-vf", filters),
            *(
                "-fps_mode",
                "vfr",
                "-frames:v",
                "1",
                "-q:v",
                "4",
                "-update",
                "1",
                str(self.out_dir / "sprite.jpg"),
            ),
        ]

    def commands(self) -> list[list[str]]:
        return [self.transcode_args(), self.fallback_args(), self.poster_args(), self.sprite_args()]


def _even(value: float) -> int:
    return max(2, round(value / 2.0) * 2)


def _fit(width: int, height: int, long_side: int) -> tuple[int, int]:
    """Scale (never up) so that the long side is at most ``long_side``; even dimensions."""
    factor = min(1.0, long_side / max(width, height))
    return _even(width * factor), _even(height * factor)


def ladder_for(probe: ProbeResult) -> list[Rung]:
    """The rungs a source gets: none taller than the source; a tiny source gets one rung at its own size."""
    rungs = [rung for rung in LADDER if rung.short_side <= probe.short_side]
    if not rungs:
        rungs = [Rung(f"{_even(probe.short_side)}p-low", _even(probe.short_side), 300, 64)]
    return rungs


def rendition_size(probe: ProbeResult, rung: Rung) -> tuple[int, int]:
    if probe.is_portrait:
        return rung.short_side, _even(probe.height * rung.short_side / probe.width)
    return _even(probe.width * rung.short_side / probe.height), rung.short_side


def plan_pipeline(*, source: Path, out_dir: Path, probe: ProbeResult) -> PipelinePlan:
    renditions = []
    for rung in ladder_for(probe):
        width, height = rendition_size(probe, rung)
        audio = rung.audio_kbps if probe.has_audio else 0
        renditions.append(RenditionOutput(rung.name, width, height, rung.video_kbps, audio))
    fallback = [r for r in renditions if min(r.width, r.height) <= FALLBACK_MAX_SHORT_SIDE][-1]
    # a multiple of the keyframe spacing, so that thumbnail i shows the picture at i × interval
    interval = KEYFRAME_SECONDS * max(1, math.ceil(probe.duration / (SPRITE_MAX_THUMBS * KEYFRAME_SECONDS)))
    count = max(1, math.ceil(probe.duration / interval))
    columns = min(SPRITE_COLUMNS, count)
    thumb_w, thumb_h = _fit(probe.width, probe.height, THUMB_LONG_SIDE)
    sprite = SpritePlan(interval, count, columns, math.ceil(count / columns), thumb_w, thumb_h)
    return PipelinePlan(
        source=source,
        out_dir=out_dir,
        probe=probe,
        renditions=renditions,
        fallback=fallback,
        sprite=sprite,
        poster_at=min(probe.duration * 0.2, 30.0),
    )


def _base_args() -> list[str]:
    return [conf.ffmpeg_binary(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"]


def transcode_args(plan: PipelinePlan) -> list[str]:
    """One ffmpeg run: decode once, split, scale and encode every rung straight into its HLS playlist."""
    probe = plan.probe
    source = ffmpeg.input(str(plan.source))
    branches = source["v:0"].filter_multi_output("split", len(plan.renditions))
    rung_by_name = {rung.name: rung for rung in ladder_for(probe)}
    outputs = []
    for index, rendition in enumerate(plan.renditions):
        (plan.out_dir / rendition.name).mkdir(parents=True, exist_ok=True)
        video = branches.stream(index)
        if probe.frame_rate and probe.frame_rate > 31 and rendition.height * rendition.width <= 640 * 360:
            video = video.filter("fps", 30)  # the small rungs serve weak networks: 30 fps is plenty
        video = video.filter("scale", rendition.width, rendition.height).filter("format", "yuv420p")
        streams = [video]
        options: dict[str, str | int] = {
            "c:v": "libx264",
            "preset": plan.preset,
            "profile:v": rung_by_name[rendition.name].profile,
            "crf": 23,
            "maxrate": f"{rendition.video_kbps}k",
            "bufsize": f"{rendition.video_kbps * 2}k",
            "force_key_frames": f"expr:gte(t,n_forced*{KEYFRAME_SECONDS})",
            "sc_threshold": 0,
            "f": "hls",
            "hls_time": plan.segment_seconds,
            "hls_playlist_type": "vod",
            "hls_flags": "independent_segments",
            "hls_segment_filename": str(plan.out_dir / rendition.name / "seg_%05d.ts"),
        }
        if probe.has_audio:
            streams.append(source["a:0"])
            options.update({"c:a": "aac", "b:a": f"{rendition.audio_kbps}k", "ac": 2})
        outputs.append(ffmpeg.output(*streams, str(plan.out_dir / rendition.playlist), **options))
    return (
        ffmpeg.merge_outputs(*outputs)
        .global_args("-hide_banner", "-nostdin", "-loglevel", "warning", "-nostats", "-progress", "pipe:1")
        .overwrite_output()
        .compile(cmd=conf.ffmpeg_binary())
    )


# --- running ffmpeg -----------------------------------------------------------------------------------
def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: ffmpeg is killed when the worker that started it dies, so a killed job leaves no orphan."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _tail(handle: IO[bytes]) -> str:
    handle.flush()
    size = handle.seek(0, os.SEEK_END)
    handle.seek(max(0, size - STDERR_TAIL_BYTES))
    return handle.read().decode("utf-8", "replace")


def run_ffmpeg(
    args: list[str], *, step: str, duration: float | None = None, on_progress: ProgressCallback | None = None
) -> tuple[float, str]:
    """Run one ffmpeg command; report ``out_time / duration`` from ``-progress pipe:1`` as it goes.

    Returns (seconds of media written, stderr tail). Raises ``FFmpegFailed`` with the stderr tail.
    """
    out_time = 0.0
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=errors,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if os.name == "posix" else None,
        )
        try:
            assert process.stdout is not None
            for raw in process.stdout:
                key, _sep, value = raw.decode("ascii", "replace").strip().partition("=")
                if key in ("out_time_us", "out_time_ms") and value.lstrip("-").isdigit():
                    out_time = max(out_time, int(value) / 1_000_000)  # out_time_ms is microseconds too
                    if on_progress and duration:
                        on_progress(min(1.0, out_time / duration))
            returncode = process.wait()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        tail = _tail(errors)
    if returncode != 0:
        raise FFmpegFailed(returncode, tail, step=step)
    return out_time, tail


# --- after ffmpeg: master playlist, codec strings, thumbnails index ------------------------------------
_PROFILE_BYTES = {"baseline": "4200", "constrained baseline": "42e0", "main": "4d40", "high": "6400"}


def avc_codec_string(stream: dict[str, Any]) -> str:
    profile = _PROFILE_BYTES.get(str(stream.get("profile", "")).lower(), "4d40")
    level = int(stream.get("level") or 31)
    return f"avc1.{profile}{level:02x}"


def _playlist_bandwidth(playlist: Path) -> tuple[int, int]:
    """(peak, average) bits per second over the segments of a rendition playlist."""
    peak, total_bits, total_seconds, seconds = 0, 0, 0.0, 0.0
    for line in playlist.read_text(encoding="utf-8").splitlines():
        if line.startswith("#EXTINF:"):
            seconds = float(line[8:].split(",", 1)[0] or 0)
        elif line and not line.startswith("#"):
            bits = (playlist.parent / line).stat().st_size * 8
            total_bits += bits
            total_seconds += seconds
            if seconds > 0:
                peak = max(peak, int(bits / seconds))
    average = int(total_bits / total_seconds) if total_seconds else peak
    return max(peak, average, 1), max(average, 1)


def master_playlist(renditions: list[RenditionOutput]) -> str:
    """HLS master: the 360p rung (or the lowest) first, since players start with the first variant."""
    start = next((r for r in renditions if min(r.width, r.height) >= 360), renditions[0])
    ordered = [start, *[r for r in renditions if r is not start]]
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for r in ordered:
        lines.append(
            f"#EXT-X-STREAM-INF:BANDWIDTH={r.bandwidth},AVERAGE-BANDWIDTH={r.average_bandwidth},"
            f'RESOLUTION={r.width}x{r.height},CODECS="{r.codecs}"'
        )
        lines.append(r.playlist)
    return "\n".join(lines) + "\n"


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def thumbnails_vtt(sprite: SpritePlan, *, duration: float, sprite_name: str = "sprite.jpg") -> str:
    cues = ["WEBVTT", ""]
    for index in range(sprite.count):
        start = index * sprite.interval
        end = min(duration, start + sprite.interval)
        if end <= start:
            break
        x = (index % sprite.columns) * sprite.thumb_width
        y = (index // sprite.columns) * sprite.thumb_height
        cues += [
            f"{_vtt_time(start)} --> {_vtt_time(end)}",
            f"{sprite_name}#xywh={x},{y},{sprite.thumb_width},{sprite.thumb_height}",
            "",
        ]
    return "\n".join(cues)


def run_pipeline(plan: PipelinePlan, *, on_stage: StageCallback | None = None) -> PipelineOutputs:
    """Run every ffmpeg step of ``plan`` and write the master playlist and thumbnails index.

    ``on_stage(stage, fraction)`` is called with stage "transcode" (fraction from ffmpeg's progress)
    and "thumbnails".
    """
    report = on_stage or (lambda stage, fraction: None)
    probe = plan.probe
    decoded, warnings = run_ffmpeg(
        plan.transcode_args(),
        step="transcode",
        duration=probe.duration,
        on_progress=lambda fraction: report("transcode", fraction),
    )
    for rendition in plan.renditions:
        playlist = plan.out_dir / rendition.playlist
        rendition.bandwidth, rendition.average_bandwidth = _playlist_bandwidth(playlist)
        first_segment = plan.out_dir / rendition.name / "seg_00000.ts"
        codecs = [avc_codec_string(probe_output_stream(first_segment))]
        if probe.has_audio:
            codecs.append("mp4a.40.2")
        rendition.codecs = ",".join(codecs)
    (plan.out_dir / "master.m3u8").write_text(master_playlist(plan.renditions), encoding="utf-8")
    report("thumbnails", 0.0)
    run_ffmpeg(plan.fallback_args(), step="fallback")
    report("thumbnails", 0.4)
    run_ffmpeg(plan.poster_args(), step="poster")
    report("thumbnails", 0.6)
    run_ffmpeg(plan.sprite_args(), step="sprite")
    (plan.out_dir / "thumbnails.vtt").write_text(
        thumbnails_vtt(plan.sprite, duration=probe.duration), encoding="utf-8"
    )
    report("thumbnails", 1.0)
    return PipelineOutputs(renditions=plan.renditions, duration_decoded=decoded, warnings=warnings.strip())
