"""User actions on a video: retry after a failure, regenerate renditions, rename, subtitles."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from config.errors import ApplicationError

from ..models import Subtitle, Video, VideoEvent, VideoStatus
from ..signals import video_subtitles_changed
from .upload import video_enqueue

if TYPE_CHECKING:
    from accounts.models import User

SUBTITLE_MAX_BYTES = 2 * 1024 * 1024
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
TIMING_RE = re.compile(r"^\s*(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}\s*-->\s*(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}")
SRT_TIME_RE = re.compile(r"(\d{1,2}:\d{2}:\d{2}),(\d{3})")
TAG_RE = re.compile(r"<[^>]+>")


def _locked(video: Video) -> Video:
    return Video.objects.select_for_update().get(pk=video.pk)


@transaction.atomic
def video_retry(*, video: Video, actor: User | None) -> Video:
    """A failed video goes back to processing (from its untouched original)."""
    video = _locked(video)
    if video.status != VideoStatus.FAILED:
        raise ApplicationError(_("只有处理失败的视频可以重试。"))
    if not video.original:
        raise ApplicationError(_("原始文件不存在，无法重试，请重新上传。"))
    before = video.status
    video.retry()
    video.error_reason, video.stderr_tail = "", ""
    video.lease_owner, video.lease_expires = "", None
    video.save()
    VideoEvent.objects.create(
        video=video, from_status=before, to_status=video.status, actor=actor, reason=_("重试处理")
    )
    video_enqueue(video_id=video.pk)
    return video


@transaction.atomic
def video_regenerate(*, video: Video, actor: User | None) -> Video:
    """Make every rendition, thumbnail and poster again from the original (e.g. after a ladder change)."""
    video = _locked(video)
    if video.status != VideoStatus.READY:
        raise ApplicationError(_("只有可播放的视频可以重新生成清晰度；失败的视频请使用“重试”。"))
    before = video.status
    video.regenerate()
    video.lease_owner, video.lease_expires = "", None
    video.save()
    VideoEvent.objects.create(
        video=video, from_status=before, to_status=video.status, actor=actor, reason=_("从原始文件重新生成")
    )
    video_enqueue(video_id=video.pk)
    return video


@transaction.atomic
def video_update(*, video: Video, title: str) -> Video:
    title = title.strip()
    if not title:
        raise ApplicationError(_("标题不能为空。"))
    video = _locked(video)
    video.title = title[:200]
    video.save(update_fields=["title", "updated_at"])
    return video


# --- subtitles ----------------------------------------------------------------------------------------
def _decode_subtitle(content: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ApplicationError(_("无法识别字幕文件的文字编码，请另存为 UTF-8 后再上传。"))


def subtitle_to_vtt(*, content: bytes, filename: str) -> tuple[str, str]:
    """SRT or WebVTT bytes → (WebVTT text, plain text for search)."""
    if len(content) > SUBTITLE_MAX_BYTES:
        raise ApplicationError(_("字幕文件太大（最大 2 MB）。"))
    text = _decode_subtitle(content).replace("\r\n", "\n").replace("\r", "\n").strip()
    is_vtt = text.startswith("WEBVTT")
    if not is_vtt and not filename.lower().endswith((".srt", ".vtt")):
        raise ApplicationError(_("只支持 .srt 或 .vtt 格式的字幕文件。"))
    lines = text.split("\n")
    if not any(TIMING_RE.match(line) for line in lines):
        raise ApplicationError(
            _("字幕文件里没有找到时间轴（形如 00:00:01,000 --> 00:00:03,000），请检查文件格式。")
        )
    if is_vtt:
        vtt = text + "\n"
    else:
        vtt = "WEBVTT\n\n" + "\n".join(SRT_TIME_RE.sub(r"\1.\2", line) for line in lines) + "\n"
    return vtt, subtitle_plain_text(vtt)


def subtitle_plain_text(vtt: str) -> str:
    """The spoken text of a WebVTT file: no header, notes, cue ids, timings or markup."""
    out: list[str] = []
    blocks = vtt.replace("\r\n", "\n").split("\n\n")
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines or lines[0].startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        timing = next((i for i, line in enumerate(lines) if TIMING_RE.match(line)), None)
        if timing is None:
            continue
        for line in lines[timing + 1 :]:
            cleaned = TAG_RE.sub("", line).strip()
            if cleaned:
                out.append(cleaned)
    return "\n".join(out)


@transaction.atomic
def subtitle_set(
    *, video: Video, language: str, label: str, content: bytes, filename: str, actor: User | None = None
) -> Subtitle:
    """Add the subtitles of one language (SRT is converted to WebVTT), replacing that language's old file."""
    language = language.strip()
    if not LANGUAGE_RE.match(language):
        raise ApplicationError(_("语言代码格式不对，请使用如 zh-Hans、en 这样的代码。"))
    label = label.strip() or language
    vtt, plain = subtitle_to_vtt(content=content, filename=filename)
    subtitle = Subtitle.objects.select_for_update().filter(video=video, language=language).first()
    if subtitle is None:
        subtitle = Subtitle(video=video, language=language)
    elif subtitle.vtt:
        subtitle.vtt.delete(save=False)
    subtitle.label = label[:40]
    subtitle.text = plain
    subtitle.vtt.save(f"{language}.vtt", ContentFile(vtt.encode("utf-8")), save=False)
    subtitle.save()
    _subtitles_changed(video)
    return subtitle


def _subtitles_changed(video: Video) -> None:
    video_id = video.pk
    transaction.on_commit(
        lambda: video_subtitles_changed.send(sender=Video, video=Video.objects.get(pk=video_id)), robust=True
    )


@transaction.atomic
def subtitle_delete(*, subtitle: Subtitle) -> None:
    if subtitle.vtt:
        subtitle.vtt.delete(save=False)
    video = subtitle.video
    subtitle.delete()
    _subtitles_changed(video)
