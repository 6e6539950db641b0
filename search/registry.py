"""The registry of searchable content: each feature registers a ``SearchSource`` from its own
``search_documents.py`` (in its ``AppConfig.ready()``); search itself never imports a feature."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class SearchDocument:
    """One findable thing, as the feature that owns it describes it (plain text, no HTML)."""

    kind: str
    object_id: int
    title: str
    url: str
    summary: str = ""
    body: str = ""
    tags: list[str] = field(default_factory=list)
    published_at: dt.datetime | None = None
    studio: str = ""

    @property
    def key(self) -> str:
        """The document's id in the index: kind and object id (ids of different kinds may collide)."""
        return f"{self.kind}-{self.object_id}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def page_document(*, kind: str, page: Any, **fields: Any) -> SearchDocument:
    """The document of a Wagtail page: its id, title, URL and first publication, plus the feature's own fields."""
    return SearchDocument(
        kind=kind, object_id=page.pk, title=page.title, url=page.get_url() or page.url_path,
        published_at=page.first_published_at, **fields,
    )


# documents(ids): the documents of these ids that may be found (all of them when ids is None).
# An id it does not yield is no longer findable (unpublished, restricted, deleted) and is removed.
DocumentsFor = Callable[[Sequence[int] | None], Iterable[SearchDocument]]


@dataclass(frozen=True)
class SearchSource:
    kind: str
    label: str | Promise  # Chinese, through gettext_lazy
    documents: DocumentsFor
    # A Wagtail page model whose pages are these documents (the object ids are page ids): search itself then
    # keeps them current when a page at, below or above one of them is published, unpublished, deleted,
    # restricted, moved or renamed (search/signal_handlers.py). Other triggers stay with the feature.
    page_model: type | None = None


_sources: dict[str, SearchSource] = {}


def search_source_register(source: SearchSource) -> None:
    """Register (or replace, e.g. on a second ``ready()``) the source of one kind of document."""
    _sources[source.kind] = source


def search_source_get(kind: str) -> SearchSource | None:
    return _sources.get(kind)


def search_sources() -> list[SearchSource]:
    """Every registered source, in registration order."""
    return list(_sources.values())
