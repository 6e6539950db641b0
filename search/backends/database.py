"""Search in the database (SQLite or PostgreSQL): every query word must appear; title matches first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When

from ..models import SearchEntry
from ..registry import SearchDocument
from ..text import highlight, index_words, query_words, snippet
from .base import PER_PAGE, Progress, SearchHit, SearchPage

BATCH = 500
SEARCHED = ("title", "summary", "body", "tags", "studio", "words")


def _entry(document: SearchDocument) -> SearchEntry:
    return SearchEntry(
        kind=document.kind,
        object_id=document.object_id,
        title=document.title[:255],
        summary=document.summary,
        body=document.body,
        tags=" ".join(document.tags),
        url=document.url[:500],
        published_at=document.published_at,
        studio=document.studio[:255],
        words=index_words(" ".join((document.title, document.summary, document.body))),
    )


class DatabaseBackend:
    @transaction.atomic
    def index(self, documents: Sequence[SearchDocument]) -> None:
        for document in documents:
            entry = _entry(document)
            fields = {f: getattr(entry, f) for f in ("title", "summary", "body", "tags", "url", "published_at", "studio", "words")}
            SearchEntry.objects.update_or_create(kind=entry.kind, object_id=entry.object_id, defaults=fields)

    def remove(self, *, kind: str, ids: Sequence[int]) -> None:
        SearchEntry.objects.filter(kind=kind, object_id__in=list(ids)).delete()

    @transaction.atomic
    def rebuild(self, documents: Iterable[SearchDocument], *, progress: Progress | None = None) -> int:
        """In one transaction: readers see the old entries until the commit (no empty index in between)."""
        SearchEntry.objects.all().delete()
        done, batch = 0, []
        for document in documents:
            batch.append(_entry(document))
            if len(batch) >= BATCH:
                SearchEntry.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done, None)
        SearchEntry.objects.bulk_create(batch)
        done += len(batch)
        if progress:
            progress(done, done)
        return done

    def query(self, *, text: str, kinds: Sequence[str] | None, page: int, per_page: int = PER_PAGE) -> SearchPage:
        words = query_words(text)
        matches = SearchEntry.objects.all()
        for word in words:
            any_field = Q()
            for name in SEARCHED:
                any_field |= Q(**{f"{name}__icontains": word})
            matches = matches.filter(any_field)
        if not words:
            matches = matches.none()
        kind_counts = dict(matches.order_by().values_list("kind").annotate(n=Count("pk")))
        if kinds:
            matches = matches.filter(kind__in=list(kinds))
        total = matches.count()
        title_score: Any = Value(0, output_field=IntegerField())
        for word in words:  # one point per query word in the title
            title_score = title_score + Case(
                When(title__icontains=word, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        ordered = matches.annotate(title_score=title_score).order_by(
            "-title_score", "-published_at", "kind", "object_id"
        )
        start = (page - 1) * per_page
        hits = [
            SearchHit(
                kind=entry.kind,
                object_id=entry.object_id,
                url=entry.url,
                title=entry.title,
                title_html=highlight(entry.title, words),
                snippet_html=snippet((entry.summary, entry.body), words),
                studio=entry.studio,
                published_at=entry.published_at,
            )
            for entry in ordered[start:start + per_page]
        ]
        return SearchPage(query=text, hits=hits, total=total, page=page, per_page=per_page, kind_counts=kind_counts)
