"""notifications.tasks.notification_email on a REAL Celery worker (tests/celery_worker.py).

The worker is another process: it reads the committed test database and writes its mail to files.
"""

from __future__ import annotations

import pytest

from notifications.models import Notification, NotificationKind
from notifications.services import notification_preferences_set, notification_send
from notifications.tasks import notification_email
from tests.accounts.factories import UserFactory
from tests.celery_worker import CeleryWorker, wait_until


def emailed(notification: Notification) -> Notification | None:
    notification.refresh_from_db()
    return notification if notification.emailed_at is not None else None


def test_email_preference_delivers_through_the_worker(celery_worker: CeleryWorker) -> None:
    user = UserFactory(email="gongjiang.li@example.cn")
    notification_preferences_set(user=user, preferences={"learning": {"in_app": True, "email": True}})

    notification = notification_send(
        recipient=user, title="《焊接工艺》第三讲已发布", body="请在本周内完成学习。", url="/learning/3/",
        kind=NotificationKind.LEARNING,
    )  # outside a transaction: committed at once, and on_commit publishes the task right away
    assert notification is not None

    wait_until(lambda: emailed(notification), timeout=30, message="Notification.emailed_at to be set")
    messages = wait_until(lambda: celery_worker.sent_mail(to=user.email), timeout=10, message="the mail file")
    assert len(messages) == 1
    message = messages[0]
    assert message["Subject"].strip() == "[匠联学堂] 《焊接工艺》第三讲已发布"  # a long subject is folded
    assert message["To"] == "gongjiang.li@example.cn"
    text = message.get_content()
    assert "请在本周内完成学习。" in text
    assert "/learning/3/" in text
    assert notification.in_app and notification.read_at is None  # still waiting in the inbox


def test_both_channels_off_sends_nothing(celery_worker: CeleryWorker) -> None:
    user = UserFactory(email="quiet@example.cn")
    notification_preferences_set(user=user, preferences={"studio": {"in_app": False, "email": False}})
    assert notification_send(recipient=user, title="不会发送", kind=NotificationKind.STUDIO) is None
    assert not Notification.objects.filter(recipient=user).exists()
    # A system notice with e-mail on is delivered: the worker is alive and the studio one was never queued.
    notification_preferences_set(user=user, preferences={"system": {"in_app": True, "email": True}})
    control = notification_send(recipient=user, title="对照组")
    assert control is not None
    wait_until(lambda: emailed(control), timeout=30, message="the control notification's mail")
    subjects = [m["Subject"].strip() for m in celery_worker.sent_mail(to=user.email)]
    assert subjects == ["[匠联学堂] 对照组"]


def test_in_app_off_email_on_delivers_mail_but_keeps_the_inbox_clean(celery_worker: CeleryWorker) -> None:
    user = UserFactory(email="mail-only@example.cn")
    notification_preferences_set(user=user, preferences={"review": {"in_app": False, "email": True}})
    notification = notification_send(recipient=user, title="申报材料审核通过", kind=NotificationKind.REVIEW)
    assert notification is not None and notification.in_app is False
    wait_until(lambda: emailed(notification), timeout=30, message="the mail-only notification's mail")
    assert len(celery_worker.sent_mail(to=user.email)) == 1


def test_delivery_is_idempotent(celery_worker: CeleryWorker) -> None:
    user = UserFactory(email="once@example.cn")
    notification_preferences_set(user=user, preferences={"system": {"in_app": True, "email": True}})
    notification = notification_send(recipient=user, title="只发一次")
    assert notification is not None
    wait_until(lambda: emailed(notification), timeout=30, message="the first delivery")
    first_sent_at = notification.emailed_at

    again = [notification_email.delay(notification.pk) for _ in range(2)]
    assert [celery_worker.wait_for_task(result.id) for result in again] == ["False", "False"]
    assert len(celery_worker.sent_mail(to=user.email)) == 1
    notification.refresh_from_db()
    assert notification.emailed_at == first_sent_at


def test_concurrent_deliveries_send_one_mail(celery_worker: CeleryWorker) -> None:
    """Two pool processes pick up the same notification at once: the row lock lets one of them send."""
    user = UserFactory(email="race@example.cn")
    notification = Notification.objects.create(recipient=user, title="并发投递")  # e-mail not queued yet
    results = [notification_email.delay(notification.pk) for _ in range(2)]
    outcomes = sorted(celery_worker.wait_for_task(result.id) for result in results)
    assert outcomes == ["False", "True"]
    assert len(celery_worker.sent_mail(to=user.email)) == 1
    assert emailed(notification)


def test_deleted_or_addressless_notification_is_skipped(celery_worker: CeleryWorker) -> None:
    user = UserFactory(email="")
    notification = Notification.objects.create(recipient=user, title="没有邮箱")
    assert celery_worker.wait_for_task(notification_email.delay(notification.pk).id) == "False"
    assert celery_worker.wait_for_task(notification_email.delay(2_000_000_000).id) == "False"
    assert emailed(notification) is None


@pytest.mark.parametrize("queue", ["default", "transcode"])
def test_worker_consumes_both_queues(celery_worker: CeleryWorker, queue: str) -> None:
    """The harness's worker serves the transcode queue too (media tasks are routed there)."""
    user = UserFactory(email=f"{queue}@example.cn")
    notification = Notification.objects.create(recipient=user, title=f"队列 {queue}")
    result = notification_email.apply_async(args=[notification.pk], queue=queue)
    assert celery_worker.wait_for_task(result.id) == "True"
    assert emailed(notification)
