from celery import shared_task

from .services.enrollment import assignment_notify


@shared_task(bind=True, max_retries=3, default_retry_delay=60, acks_late=True)
def assignment_notify_task(self, assignment_id: int) -> int:  # type: ignore[no-untyped-def]
    """Notify the learners of an organisation subtree about a new required course."""
    try:
        return assignment_notify(assignment_id=assignment_id)
    except Exception as exc:  # a database blip: try again later
        raise self.retry(exc=exc) from exc
