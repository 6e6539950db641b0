"""Time codes of chapters: "mm:ss" or "hh:mm:ss" ⇄ seconds."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_TIMECODE = re.compile(r"^(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})$")


def timecode_to_seconds(value: str) -> int:
    """``"05:30"`` → 330, ``"1:02:03"`` → 3723; a clear message for anything else."""
    match = _TIMECODE.match((value or "").strip())
    if match is None:
        raise ValidationError(
            _("时间格式应为“分:秒”或“时:分:秒”，例如 05:30 或 1:02:03。"), code="invalid_timecode"
        )
    hours = int(match.group("h") or 0)
    minutes, seconds = int(match.group("m")), int(match.group("s"))
    if seconds >= 60 or (match.group("h") is not None and minutes >= 60):
        raise ValidationError(_("分钟和秒数不能超过 59。"), code="invalid_timecode")
    return hours * 3600 + minutes * 60 + seconds


def seconds_to_timecode(seconds: int) -> str:
    hours, rest = divmod(max(int(seconds), 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def validate_timecode(value: str) -> None:
    timecode_to_seconds(value)
