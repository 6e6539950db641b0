"""Background work of assessments: close timed attempts whose learner never came back.

Attempts are also graded lazily (when the learner opens, answers or starts again), so this periodic sweep
only makes sure a passing attempt is reported (``attempt_passed``) without waiting for the learner.
Schedule it with Celery beat, e.g. every 5 minutes:
``{"task": "assessments.tasks.attempts_expired_grade_task", "schedule": 300}``.
"""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=60, acks_late=True)
def attempts_expired_grade_task(self) -> int:  # type: ignore[no-untyped-def]
    from .services import attempts_expired_grade

    try:
        return attempts_expired_grade()
    except Exception as exc:  # a database hiccup: the next run or a retry picks the attempts up
        raise self.retry(exc=exc) from exc
