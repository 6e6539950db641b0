"""Reads of the search index: one page of hits for a query."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.utils.translation import gettext as _
from elasticsearch import ApiError, TransportError

from config.errors import ApplicationError

from .backends import PER_PAGE, SearchPage, backend_get
from .registry import search_sources
from .text import QUERY_MAX_LENGTH, normalise_query

MAX_PAGE = 100
logger = logging.getLogger(__name__)


def search_kinds() -> list[tuple[str, str]]:
    """(kind, label) of every registered source, for filters."""
    return [(source.kind, str(source.label)) for source in search_sources()]


def search_kind_counts(*, result: SearchPage) -> list[tuple[str, str, int]]:
    """(kind, label, hits) of every registered kind, for the filter chips of the page and the API's answer."""
    return [(kind, label, result.kind_counts.get(kind, 0)) for kind, label in search_kinds()]


def search_query_clean(*, query: str | None) -> str:
    """The normalised query, or an ApplicationError with a Chinese message (empty or too long)."""
    text = normalise_query(query)
    if not text:
        raise ApplicationError(_("请输入要搜索的关键词。"))
    if len(text) > QUERY_MAX_LENGTH:
        raise ApplicationError(
            _("关键词太长了，请不要超过 %(limit)s 个字。") % {"limit": QUERY_MAX_LENGTH}
        )
    return text


def search_run(*, query: str | None, kinds: Sequence[str] | None = None, page: int = 1,
               per_page: int | None = None) -> SearchPage:
    """One page of hits (public content only: sources yield nothing else). Unknown kinds are ignored;
    pages outside 1‥MAX_PAGE are clamped, and a page past the last hit gives the last page."""
    text = search_query_clean(query=query)
    known = {kind for kind, _label in search_kinds()}
    wanted = [kind for kind in kinds or () if kind in known]
    page = min(max(1, page), MAX_PAGE)
    size: int = per_page or int(getattr(settings, "SEARCH_PER_PAGE", PER_PAGE))
    backend = backend_get()
    try:
        result = backend.query(text=text, kinds=wanted or None, page=page, per_page=size)
        if not result.hits and result.total and page > result.num_pages:  # past the end: the last page
            result = backend.query(text=text, kinds=wanted or None, page=result.num_pages, per_page=size)
        return result
    except (ApiError, TransportError) as error:  # Elasticsearch unreachable or failing: a message, never a 500
        logger.warning("search backend failed: %r", error)
        raise ApplicationError(_("搜索服务暂时不可用，请稍后再试。"), status=503) from error
