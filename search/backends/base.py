"""What every search backend does, and what a query answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..registry import SearchDocument

PER_PAGE = 10
# progress(done, total): called while a rebuild writes documents
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class SearchHit:
    kind: str
    object_id: int
    url: str
    title: str  # plain text
    title_html: str  # HTML-escaped, matches in <mark>
    snippet_html: str  # HTML-escaped, matches in <mark>
    studio: str = ""
    published_at: dt.datetime | None = None


@dataclass(frozen=True)
class SearchPage:
    query: str
    hits: list[SearchHit]
    total: int  # hits of the selected kinds
    page: int
    per_page: int
    kind_counts: dict[str, int] = field(default_factory=dict)  # every kind, regardless of the kind filter

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


class SearchBackend(Protocol):
    def index(self, documents: Sequence[SearchDocument]) -> None:
        """Add or replace these documents."""

    def remove(self, *, kind: str, ids: Sequence[int]) -> None:
        """Remove the documents of ``kind`` with these object ids (missing ones are ignored)."""

    def rebuild(self, documents: Iterable[SearchDocument], *, progress: Progress | None = None) -> int:
        """Replace the whole index with ``documents`` while the old one keeps answering; returns the count."""

    def query(self, *, text: str, kinds: Sequence[str] | None, page: int, per_page: int = PER_PAGE) -> SearchPage:
        """One page of hits for ``text`` (already normalised, not empty)."""
