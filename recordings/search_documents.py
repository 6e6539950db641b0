"""Lectures and salons as search documents (registered with the search capability in RecordingsConfig.ready()).

Only live recordings nobody restricted are yielded; the search removes the others from its index.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext_lazy as _

from media.selectors import video_search_text
from search.registry import SearchDocument, SearchSource, page_document

from .models import RecordingKind, RecordingPage

RECORDING = "recording"


def recording_documents(ids: Sequence[int] | None) -> Iterator[SearchDocument]:
    pages = (
        RecordingPage.objects.live().public()
        .select_related("studio", "video")
        .prefetch_related("speakers", "chapters")
    )
    if ids is not None:
        pages = pages.filter(pk__in=ids)
    for page in pages.order_by("pk").iterator(chunk_size=200):
        speakers = [person.display_name for person in page.speakers.all()]
        parts = [
            page.venue,
            " ".join([*speakers, *page.guest_speaker_list]),
            " ".join(chapter.title for chapter in page.chapters.all()),
            video_search_text(video=page.video) if page.video is not None else "",
        ]
        yield page_document(
            kind=RECORDING,
            page=page,
            summary=page.summary,
            body="\n".join(part for part in parts if part),
            tags=[str(RecordingKind(page.kind).label)],
            studio=page.organiser_label or "",
        )


SOURCES = (SearchSource(kind=RECORDING, label=_("讲座与沙龙"), documents=recording_documents, page_model=RecordingPage),)
