"""Subtitles (SRT → WebVTT, several languages, text for search) and the user actions' guards."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from config.errors import ApplicationError
from media import services
from media.selectors import video_search_text, video_subtitle_text

from .factories import VideoFactory

pytestmark = pytest.mark.django_db

SRT = """1
00:00:01,000 --> 00:00:03,500
<i>大家好</i>，今天讲数控车床对刀。

2
00:00:04,000 --> 00:00:06,000
先把刀架移到安全位置。
""".encode()

VTT_EN = b"""WEBVTT

NOTE translated by the studio

intro
00:00:01.000 --> 00:00:03.500
Hello, today: setting the tool on a CNC lathe.
"""


def test_srt_becomes_webvtt_and_plain_text():
    vtt, plain = services.subtitle_to_vtt(content=SRT, filename="lesson.srt")
    assert vtt.startswith("WEBVTT\n\n")
    assert "00:00:01.000 --> 00:00:03.500" in vtt and "," not in vtt.split("\n")[3]
    assert plain == "大家好，今天讲数控车床对刀。\n先把刀架移到安全位置。"


def test_gbk_srt_from_an_old_windows_tool_is_read():
    vtt, plain = services.subtitle_to_vtt(content=SRT.decode().encode("gb18030"), filename="旧.srt")
    assert "数控车床" in plain and vtt.startswith("WEBVTT")


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"just some words", "notes.txt", "只支持 .srt 或 .vtt"),
        (b"1\nno timing here\n", "broken.srt", "没有找到时间轴"),
        (b"\xff" * 10 + b"\x00\x81", "bin.srt", ""),
        (b"x" * (2 * 1024 * 1024 + 1), "huge.srt", "字幕文件太大"),
    ],
)
def test_bad_subtitle_files_are_refused_in_chinese(content, filename, message):
    with pytest.raises(ApplicationError) as error:
        services.subtitle_to_vtt(content=content, filename=filename)
    assert message in error.value.message


def test_several_languages_replace_per_language_and_feed_search(media_root, people):
    video = VideoFactory(owner=people["master_a"], title="对刀")
    services.subtitle_set(video=video, language="zh-Hans", label="中文", content=SRT, filename="a.srt")
    services.subtitle_set(video=video, language="en", label="English", content=VTT_EN, filename="a.vtt")
    first = video.subtitles.get(language="en").vtt.name
    services.subtitle_set(video=video, language="en", label="English", content=VTT_EN, filename="b.vtt")
    assert video.subtitles.count() == 2
    assert (
        Path(default_storage.path(video.subtitles.get(language="en").vtt.name))
        .read_text()
        .startswith("WEBVTT")
    )
    assert first == video.subtitles.get(language="en").vtt.name  # replaced in place, not duplicated
    text = video_subtitle_text(video)
    assert (
        "先把刀架移到安全位置。" in text and "CNC lathe" in text and "NOTE" not in text and "-->" not in text
    )
    assert video_subtitle_text(video, language="en") == "Hello, today: setting the tool on a CNC lathe."
    assert video_search_text(video=video).startswith("对刀\n")
    with pytest.raises(ApplicationError):
        services.subtitle_set(video=video, language="中文!", label="", content=SRT, filename="a.srt")
    services.subtitle_delete(subtitle=video.subtitles.get(language="en"))
    assert "CNC" not in video_subtitle_text(video)


def test_actions_only_from_the_right_status(people):
    ready = VideoFactory(owner=people["master_a"], status="ready")
    failed = VideoFactory(owner=people["master_a"], status="failed")
    with pytest.raises(ApplicationError, match="只有处理失败的视频可以重试"):
        services.video_retry(video=ready, actor=people["master_a"])
    with pytest.raises(ApplicationError, match="只有可播放的视频"):
        services.video_regenerate(video=failed, actor=people["master_a"])
    with pytest.raises(ApplicationError, match="标题不能为空"):
        services.video_update(video=ready, title="  ")


def test_subtitle_changes_are_signalled_after_commit_for_reindexing(
    media_root, people, django_capture_on_commit_callbacks
):
    from media.signals import video_subtitles_changed

    video = VideoFactory(owner=people["master_a"], title="对刀")
    seen: list[str] = []

    def reindex(sender, video, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(video_search_text(video=video))  # what a feature would put into its search document

    video_subtitles_changed.connect(reindex, weak=False, dispatch_uid="t-subtitles")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.subtitle_set(
                video=video, language="zh-Hans", label="中文", content=SRT, filename="a.srt"
            )
            assert seen == []  # not before the subtitles are committed
        assert seen == ["对刀\n大家好，今天讲数控车床对刀。\n先把刀架移到安全位置。"]
        with django_capture_on_commit_callbacks(execute=True):
            services.subtitle_delete(subtitle=video.subtitles.get())
        assert seen[-1] == "对刀"
    finally:
        video_subtitles_changed.disconnect(dispatch_uid="t-subtitles")
