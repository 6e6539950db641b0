from celery import shared_task

from .services import notification_email_deliver


@shared_task(
    bind=True, autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}, acks_late=True
)
def notification_email(self, notification_id: int) -> bool:  # type: ignore[no-untyped-def]
    return notification_email_deliver(notification_id=notification_id)
