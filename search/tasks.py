"""Celery tasks: thin callers of search.services (features enqueue them with transaction.on_commit)."""

from __future__ import annotations

from collections.abc import Sequence

from celery import shared_task
from django.db import transaction
from elasticsearch import ApiError, TransportError

from . import services

RETRY_ON = (ApiError, TransportError, ConnectionError)  # Elasticsearch down or busy, or a lost connection


@shared_task(bind=True, autoretry_for=RETRY_ON, retry_backoff=True, retry_backoff_max=300, max_retries=8)
def search_documents_update_task(self, kind: str, ids: list[int]) -> int:  # type: ignore[no-untyped-def]
    return services.search_documents_update(kind=kind, ids=ids)


@shared_task(bind=True, autoretry_for=RETRY_ON, retry_backoff=True, retry_backoff_max=300, max_retries=8)
def search_documents_remove_task(self, kind: str, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    services.search_documents_remove(kind=kind, ids=ids)


def search_update_enqueue(*, kind: str, ids: Sequence[int]) -> None:
    """After the current transaction commits, reindex these documents (removed if no longer findable)."""
    ids = sorted({int(pk) for pk in ids})
    if ids:
        transaction.on_commit(lambda: search_documents_update_task.delay(kind, ids), robust=True)


def search_remove_enqueue(*, kind: str, ids: Sequence[int]) -> None:
    """After the current transaction commits, remove these documents from the index."""
    ids = sorted({int(pk) for pk in ids})
    if ids:
        transaction.on_commit(lambda: search_documents_remove_task.delay(kind, ids), robust=True)
