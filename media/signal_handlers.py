"""Signal handlers of the media app, connected in ``MediaConfig.ready()``."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def requeue_orphaned_jobs(sender: Any = None, **kwargs: Any) -> None:
    """Celery ``worker_ready``: a worker that (re)starts picks up the jobs a killed worker left behind."""
    from .services import videos_requeue_orphaned

    try:
        requeued = videos_requeue_orphaned()
    except Exception:  # the database may be unreachable at start; the sweeper catches up later
        logger.warning("could not look for orphaned video jobs", exc_info=True)
        return
    if requeued:
        logger.info("re-enqueued orphaned video jobs: %s", requeued)
