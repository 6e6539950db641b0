"""``{% load media_tags %}{% video_player video heartbeat_url=... resume=... %}`` for any page that
shows a processed video (add ``{% include "media/_player_scripts.html" %}`` once per page)."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Video
from ..selectors import video_playback

register = template.Library()


@register.inclusion_tag("media/_player_or_pending.html")
def video_player(
    video: Video | None, heartbeat_url: str = "", resume: float | None = None
) -> dict[str, Any]:
    return {
        "video": video,
        "playback": video_playback(video=video) if video is not None else None,
        "heartbeat_url": heartbeat_url,
        "resume": resume,
    }
