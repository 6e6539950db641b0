"""The ladder and the playlists the pipeline writes, as pure functions (the real ffmpeg runs in
test_processing.py): no rung taller than the source, portrait videos, tiny sources, the master's order."""

from __future__ import annotations

from pathlib import Path

import pytest

from media.services.probe import ProbeResult
from media.services.transcode import (
    RenditionOutput,
    SpritePlan,
    ladder_for,
    master_playlist,
    plan_pipeline,
    rendition_size,
    thumbnails_vtt,
)


def _probe(width: int, height: int, *, audio: str = "aac", duration: float = 60.0) -> ProbeResult:
    return ProbeResult(
        duration=duration, width=width, height=height, rotation=0, frame_rate=25.0,
        video_codec="h264", audio_codec=audio, format_name="mov,mp4",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("size", "rungs"),
    [
        ((3840, 2160), ["240p-low", "360p", "720p", "1080p"]),
        ((1920, 1080), ["240p-low", "360p", "720p", "1080p"]),
        ((1280, 720), ["240p-low", "360p", "720p"]),
        ((854, 480), ["240p-low", "360p"]),
        ((1080, 1920), ["240p-low", "360p", "720p", "1080p"]),  # a phone held upright
        ((320, 240), ["240p-low"]),
        ((176, 144), ["144p-low"]),  # smaller than the lowest rung: one rung at its own size
    ],
)
def test_the_ladder_never_upscales(size, rungs):
    probe = _probe(*size)
    assert [rung.name for rung in ladder_for(probe)] == rungs
    for rung in ladder_for(probe):
        width, height = rendition_size(probe, rung)
        assert width <= probe.width and height <= probe.height
        assert width % 2 == 0 and height % 2 == 0  # H.264 4:2:0 needs even sizes


def test_portrait_renditions_keep_the_short_side_as_width():
    probe = _probe(1080, 1920)
    sizes = [rendition_size(probe, rung) for rung in ladder_for(probe)]
    assert sizes == [(240, 426), (360, 640), (720, 1280), (1080, 1920)]


def test_plan_silent_source_has_no_audio_and_fallback_is_at_most_720p(tmp_path: Path):
    plan = plan_pipeline(
        source=tmp_path / "in.mp4", out_dir=tmp_path / "out", probe=_probe(1920, 1080, audio="")
    )
    assert all(r.audio_kbps == 0 for r in plan.renditions)
    assert plan.fallback.name == "720p"
    assert plan.sprite.count == 30 and plan.sprite.interval == 2  # one thumbnail per 2 s of a minute


def test_master_playlist_starts_with_360p_and_lists_every_rendition():
    renditions = [
        RenditionOutput("240p-low", 426, 240, 300, 64, 400_000, 350_000, "avc1.4d4015,mp4a.40.2"),
        RenditionOutput("360p", 640, 360, 800, 96, 900_000, 800_000, "avc1.4d401e,mp4a.40.2"),
        RenditionOutput("720p", 1280, 720, 2500, 128, 2_700_000, 2_400_000, "avc1.4d401f,mp4a.40.2"),
    ]
    lines = master_playlist(renditions).splitlines()
    assert lines[0] == "#EXTM3U"
    assert [line for line in lines if not line.startswith("#")] == [
        "360p/index.m3u8",
        "240p-low/index.m3u8",
        "720p/index.m3u8",
    ]
    assert (
        'BANDWIDTH=900000,AVERAGE-BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"'
        in lines[3]
    )


def test_thumbnails_index_points_into_the_sprite_grid():
    sprite = SpritePlan(interval=2, count=12, columns=10, rows=2, thumb_width=160, thumb_height=90)
    vtt = thumbnails_vtt(sprite, duration=23.5)
    assert vtt.startswith("WEBVTT\n")
    assert "00:00:20.000 --> 00:00:22.000\nsprite.jpg#xywh=0,90,160,90" in vtt  # 11th: second row
    assert (
        "00:00:22.000 --> 00:00:23.500\nsprite.jpg#xywh=160,90,160,90" in vtt
    )  # last one ends with the video
