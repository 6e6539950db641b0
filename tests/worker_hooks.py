"""Loaded by the test Celery workers (``--include tests.worker_hooks``, see tests/celery_worker.py and
tests/media/workers.py), never by the product.

Every transactional test ends with a flush that recreates the content types under new ids. A worker process
lives through many tests and keeps the old ids in ContentType's per-process cache: the next test's task that
saves a model writes a stale id (Wagtail's reference index on save) and fails with an IntegrityError, then
waits for its retry. Production never renumbers content types; the test worker forgets them before each task.
"""

from __future__ import annotations

from typing import Any

from celery.signals import task_prerun


@task_prerun.connect(weak=False, dispatch_uid="tests.worker_hooks.fresh_content_types")
def fresh_content_types(**kwargs: Any) -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
