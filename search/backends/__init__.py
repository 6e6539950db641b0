"""The backend in use: Elasticsearch when settings.ELASTICSEARCH_URL is set, the database otherwise."""

from __future__ import annotations

from django.conf import settings

from .base import PER_PAGE, Progress, SearchBackend, SearchHit, SearchPage

__all__ = ["PER_PAGE", "Progress", "SearchBackend", "SearchHit", "SearchPage", "backend_get"]


def backend_get() -> SearchBackend:
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend(url=settings.ELASTICSEARCH_URL)
    from .database import DatabaseBackend

    return DatabaseBackend()
