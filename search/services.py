"""Writes to the search index. Features call these (through search.tasks, after their commit)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from config.errors import ApplicationError

from .backends import Progress, backend_get
from .registry import SearchDocument, SearchSource, search_source_get, search_sources


def _source(kind: str) -> SearchSource:
    source = search_source_get(kind)
    if source is None:
        raise ApplicationError(_("未知的搜索内容类型：%(kind)s") % {"kind": kind})
    return source


def search_documents_update(*, kind: str, ids: Sequence[int]) -> int:
    """Index what the source yields for ``ids`` now; remove the ids it no longer yields (unpublished,
    restricted, deleted). Returns how many documents were written."""
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return 0
    documents = list(_source(kind).documents(ids))
    backend = backend_get()
    backend.index(documents)
    gone = set(ids) - {document.object_id for document in documents}
    if gone:
        backend.remove(kind=kind, ids=sorted(gone))
    return len(documents)


def search_documents_remove(*, kind: str, ids: Sequence[int]) -> None:
    """Remove these documents whatever their source says (e.g. the page was deleted)."""
    ids = sorted({int(pk) for pk in ids})
    if ids:
        backend_get().remove(kind=kind, ids=ids)


def _all_documents() -> Iterator[SearchDocument]:
    for source in search_sources():
        yield from source.documents(None)


def search_index_rebuild(*, progress: Progress | None = None) -> int:
    """Rebuild the whole index from every registered source; the old index answers until the swap."""
    return backend_get().rebuild(_all_documents(), progress=progress)
