"""Reads of the media app: which videos a user manages, one video for a viewer, playback data, search text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from organisations.selectors import scope_for_user, user_sees_everything

from .models import Subtitle, Video, VideoStatus

if TYPE_CHECKING:
    from accounts.models import User


def videos_for_user(*, user: User) -> QuerySet[Video]:
    """Videos ``user`` manages: their own, plus (union staff) their organisation subtree's, (admin) all."""
    if not user.is_authenticated:
        return Video.objects.none()
    base = Video.objects.select_related("owner", "organisation")
    if user_sees_everything(user=user) or user.is_site_admin:
        return base
    scoped_ids = scope_for_user(Video.objects.all(), user=user).values("pk")
    return base.filter(Q(owner=user) | Q(pk__in=scoped_ids))


def video_get_managed(*, user: User, uid: Any) -> Video | None:
    """One video the user may manage (status, retry, subtitles), or None."""
    video = Video.objects.select_related("owner", "organisation").filter(uid=uid).first()
    if video is None or not user.has_perm("media.manage_video", video):
        return None
    return video


def video_get_playable(*, user: User, uid: Any) -> Video | None:
    """A video the user may watch: ready ones for any signed-in user, any status for its managers.

    Which learner may watch which lesson is decided by the features that embed the video.
    """
    video = Video.objects.select_related("owner").filter(uid=uid).first()
    if video is None or not user.is_authenticated:
        return None
    if video.status == VideoStatus.READY and user.has_perm("media.watch_video", video):
        return video
    if user.has_perm("media.manage_video", video):
        return video
    return None


def videos_ready() -> QuerySet[Video]:
    """Processed videos, e.g. for a chooser."""
    return Video.objects.filter(status=VideoStatus.READY)


def video_events(*, video: Video) -> QuerySet:  # type: ignore[type-arg]
    return video.events.select_related("actor").order_by("-at", "-pk")


def video_subtitles(*, video: Video) -> QuerySet[Subtitle]:
    return video.subtitles.order_by("language")


def video_subtitle_text(video: Video, *, language: str | None = None) -> str:
    """The spoken text of the video's subtitles (every language, or one), for a feature's search index.

    Features that show a video (lessons, lectures, recordings) put this into their own search documents.
    """
    subtitles = video.subtitles.order_by("language")
    if language is not None:
        subtitles = subtitles.filter(language=language)
    return "\n".join(text for text in subtitles.values_list("text", flat=True) if text)


def video_search_text(*, video: Video) -> str:
    """Title and every subtitle's text, for the search index of whatever shows the video."""
    return "\n".join(part for part in (video.title, video_subtitle_text(video)) if part)


@dataclass
class Playback:
    """What a player needs; URLs come from the storage (local /media/… or object storage)."""

    uid: str
    title: str
    hls: str
    mp4: str
    poster: str
    thumbnails: str
    duration: float | None
    subtitles: list[dict[str, str]] = field(default_factory=list)


def _url(file: Any) -> str:
    return file.url if file else ""


def video_playback(*, video: Video) -> Playback | None:
    if video.status != VideoStatus.READY or not video.hls_master:
        return None
    return Playback(
        uid=str(video.uid),
        title=video.title,
        hls=_url(video.hls_master),
        mp4=_url(video.mp4_fallback),
        poster=_url(video.poster),
        thumbnails=_url(video.thumbnails_vtt),
        duration=video.duration,
        subtitles=_subtitle_tracks(list(video_subtitles(video=video))),
    )


def _subtitle_tracks(subtitles: list[Subtitle]) -> list[dict[str, Any]]:
    """Tracks for the player; the one in the page's language (else the first) is shown by default."""
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    default = next(
        (s for s in subtitles if s.language.lower() == language),
        next((s for s in subtitles if s.language.lower().split("-")[0] == language.split("-")[0]), None),
    )
    default = default or (subtitles[0] if subtitles else None)
    return [
        {"language": s.language, "label": s.label, "url": _url(s.vtt), "default": s is default}
        for s in subtitles
    ]
