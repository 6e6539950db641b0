"""assessments.tasks.attempts_expired_grade_task on a REAL Celery worker: abandoned timed attempts close."""

import datetime

from django.utils import timezone

from assessments import services
from assessments.models import Attempt
from assessments.tasks import attempts_expired_grade_task
from tests.accounts.factories import UserFactory
from tests.assessments.factories import QuizFactory, true_false
from tests.celery_worker import CeleryWorker, wait_until


def test_the_sweep_closes_abandoned_timed_attempts(celery_worker: CeleryWorker) -> None:
    quiz = QuizFactory(time_limit_minutes=1)
    question = true_false(quiz, answer=True)
    learner = UserFactory()
    started = timezone.now() - datetime.timedelta(minutes=5)
    abandoned = services.attempt_start(user=learner, quiz=quiz, now=started)
    services.attempt_answers_save(
        user=learner, attempt=abandoned, answers={question.pk: {"boolean": True}}, now=started
    )
    running = services.attempt_start(user=UserFactory(), quiz=quiz)

    result = attempts_expired_grade_task.delay()
    celery_worker.wait_for_task(result.id, timeout=60)
    graded = wait_until(
        lambda: Attempt.objects.filter(pk=abandoned.pk, submitted_at__isnull=False).first(),
        timeout=30,
        message="the abandoned attempt to be graded",
    )
    assert graded.timed_out and graded.passed and graded.score == 100
    assert Attempt.objects.get(pk=running.pk).submitted_at is None
