"""Builders of recording pages (Wagtail pages are added to the tree, not created by a plain factory)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from media.models import Video, VideoStatus
from recordings.models import (
    RecordingAttachment,
    RecordingChapter,
    RecordingIndexPage,
    RecordingKind,
    RecordingPage,
)


def recording_index_create(*, parent: Page, title: str = "讲座与沙龙", slug: str = "recordings") -> RecordingIndexPage:
    index = RecordingIndexPage(title=title, slug=slug, intro="劳模工匠讲座和行业沙龙的回放。")
    parent.add_child(instance=index)
    index.save_revision().publish()
    return RecordingIndexPage.objects.get(pk=index.pk)


def recording_create(
    *,
    index: RecordingIndexPage,
    title: str = "数控加工精度控制讲座",
    slug: str | None = None,
    kind: str = RecordingKind.LECTURE,
    held_on: datetime.date = datetime.date(2026, 5, 20),
    speakers: list[Any] | None = None,
    chapters: list[tuple[str, str]] | None = None,
    video: Video | None = None,
    live: bool = True,
    **fields: Any,
) -> RecordingPage:
    page = RecordingPage(
        title=title,
        slug=slug or f"rec-{RecordingPage.objects.count() + 1}",
        kind=kind,
        held_on=held_on,
        summary=fields.pop("summary", "主讲人结合一线经验讲解关键工艺。"),
        video=video,
        **fields,
    )
    page.chapters = [RecordingChapter(start=start, title=chapter) for start, chapter in chapters or []]
    if speakers:
        page.speakers = speakers
    page.live = False
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return RecordingPage.objects.get(pk=page.pk)


def document_create(*, title: str = "讲义", content: bytes = b"%PDF-1.4\n% demo handout\n") -> Any:
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    document = get_document_model()(title=title)
    document.file.save(f"{title}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def attachment_add(*, page: RecordingPage, document: Any, title: str = "") -> RecordingAttachment:
    return RecordingAttachment.objects.create(page=page, document=document, title=title)


def ready_video_create(*, owner: Any, title: str = "讲座录像") -> Video:
    """A video row in its finished state (the transcoding itself is exercised by tests/media)."""
    video = Video.objects.create(
        title=title, owner=owner, organisation=owner.organisation, status=VideoStatus.READY, duration=3600.0
    )
    video.hls_master.name = f"videos/{video.uid}/master.m3u8"
    video.mp4_fallback.name = f"videos/{video.uid}/fallback.mp4"
    video.save(update_fields=["hls_master", "mp4_fallback"])
    return video


def pending_video_create(*, owner: Any, title: str = "处理中的录像") -> Video:
    return Video.objects.create(title=title, owner=owner, organisation=owner.organisation)




def sections_build(*, site_pages: dict[str, Any], org_tree: dict[str, Any]) -> dict[str, Any]:
    """Two studios (A in 金水区's enterprise, B in 二七区's), each with its page and its recordings index,
    and the site-wide recordings index under the home page."""
    from tests.cms.pages import studio_page_create
    from tests.studios.factories import StudioFactory

    studio_a = StudioFactory(organisation=org_tree["a1"], name="甲数控工作室", slug="studio-a")
    studio_b = StudioFactory(organisation=org_tree["b1"], name="乙客车工作室", slug="studio-b")
    page_a = studio_page_create(studio=studio_a, index=site_pages["studio_index"])
    page_b = studio_page_create(studio=studio_b, index=site_pages["studio_index"])
    return {
        "home": site_pages["home"],
        "studio_a": studio_a,
        "studio_b": studio_b,
        "page_a": page_a,
        "page_b": page_b,
        "site_index": recording_index_create(parent=site_pages["home"], title="讲座与沙龙", slug="talks"),
        "index_a": recording_index_create(parent=page_a, title="讲座", slug="talks"),
        "index_b": recording_index_create(parent=page_b, title="讲座", slug="talks"),
    }
