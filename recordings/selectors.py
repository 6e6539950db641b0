"""Reads of recordings: the filtered listing and what a recording's page shows."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet

from accounts.models import User
from studios.models import Studio

from .models import RecordingAttachment, RecordingChapter, RecordingKind, RecordingPage

if TYPE_CHECKING:
    from .models import RecordingIndexPage

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


def _speakers_prefetch() -> Prefetch:
    return Prefetch("speakers", queryset=User.objects.only("id", "real_name", "username").order_by("real_name"))


def recordings_live(*, index: RecordingIndexPage | None = None) -> QuerySet[RecordingPage]:
    """Published, public recordings: a studio's index lists its own, the site-wide index every one."""
    pages = RecordingPage.objects.live().public()
    if index is not None and index.studio_id is not None:
        pages = pages.descendant_of(index)
    return pages


def recordings_filter(
    pages: QuerySet[RecordingPage], *, kind: str = "", studio: str = "", year: str = ""
) -> QuerySet[RecordingPage]:
    if kind in RecordingKind.values:
        pages = pages.filter(kind=kind)
    if studio and _SLUG.match(studio):
        pages = pages.filter(studio__slug=studio)
    if year.isdigit() and len(year) == 4:
        pages = pages.filter(held_on__year=int(year))
    return pages


def recordings_for_cards(pages: QuerySet[RecordingPage]) -> QuerySet[RecordingPage]:
    """What a card shows, in a fixed number of queries whatever the number of cards."""
    return (
        pages.select_related("studio", "video")
        .prefetch_related(_speakers_prefetch())
        .order_by("-held_on", "-pk")
    )


def recording_listing(*, index: RecordingIndexPage, params: Mapping[str, str], per_page: int = 12) -> dict[str, Any]:
    base = recordings_live(index=index)
    selected = {
        "kind": params.get("kind", "") or "",
        "studio": (params.get("studio", "") or "")[:80] if index.studio_id is None else "",
        "year": (params.get("year", "") or "")[:4],
    }
    pages = recordings_for_cards(recordings_filter(base, **selected))
    paginator = Paginator(pages, per_page)
    studios = (
        Studio.objects.filter(pk__in=base.exclude(studio__isnull=True).values("studio")).order_by("name")
        if index.studio_id is None
        else Studio.objects.none()
    )
    return {
        "page_obj": paginator.get_page(params.get("page")),
        "kinds": RecordingKind.choices,
        "years": [d.year for d in base.dates("held_on", "year", order="DESC")],
        "studios": list(studios.values_list("slug", "name")),
        "selected": selected,
        "filtered": any(selected.values()),
    }


def recording_detail(*, page: RecordingPage) -> dict[str, Any]:
    chapters = list(RecordingChapter.objects.filter(page=page).order_by("start_seconds", "sort_order"))
    attachments = list(
        RecordingAttachment.objects.filter(page=page).select_related("document").order_by("sort_order")
    )
    video = page.video
    related = recordings_for_cards(
        RecordingPage.objects.live().public().filter(studio_id=page.studio_id).exclude(pk=page.pk)
        if page.studio_id
        else RecordingPage.objects.none()
    )[:3]
    return {
        "chapters": chapters,
        "attachments": attachments,
        "speakers": list(page.speakers.order_by("real_name")),
        "video_ready": bool(video is not None and video.is_ready),
        "related_recordings": related,
    }
