"""The admin form of a recording: only the author's own videos, only masters as speakers, chapters in order."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .timecodes import timecode_to_seconds


class RecordingPageForm(WagtailAdminPageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        video_field = self.fields.get("video")
        if video_field is not None and self.for_user is not None:
            from media.selectors import videos_for_user

            allowed = videos_for_user(user=self.for_user)
            current = self.instance.video_id
            queryset = video_field.queryset.filter(pk__in=allowed.values("pk"))
            if current:
                queryset = queryset | video_field.queryset.filter(pk=current)
            video_field.queryset = queryset.order_by("-pk")

    def is_valid(self) -> bool:
        valid = super().is_valid()  # validates the chapter formset too (ClusterForm)
        return self._check_chapter_starts_unique() and valid

    def _check_chapter_starts_unique(self) -> bool:
        formset = self.formsets.get("chapters")
        if formset is None:
            return True
        seen: set[int] = set()
        unique = True
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get("start"):
                continue
            try:
                seconds = timecode_to_seconds(data["start"])
            except ValidationError:
                continue  # the chapter form reports its own error
            if seconds in seen:
                form.add_error("start", _("两个章节的开始时间相同。"))
                unique = False
            seen.add(seconds)
        return unique
