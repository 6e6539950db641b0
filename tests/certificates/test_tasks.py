"""certificates.tasks.certificate_pdf_render on a REAL Celery worker: issuing queues the PDF after the
commit, so the learner's first download finds it ready."""

from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.accounts.factories import UserFactory
from tests.assessments.factories import QuizFactory
from tests.celery_worker import CeleryWorker, wait_until


@pytest.mark.parametrize("round_", [1, 2, 3])
def test_issue_renders_the_pdf_in_the_worker(celery_worker: CeleryWorker, round_: int) -> None:
    """Three rounds: with two pool processes, one of them renders again after the flush at the end of a
    previous test, which renumbers the content types (tests/worker_hooks.py)."""
    learner = UserFactory(real_name="赵师傅")
    certificate = certificate_issue(
        recipient=learner, title="电工安全操作", hours=Decimal("8"), issuer="郑州市总工会", source=QuizFactory()
    )

    def rendered() -> Certificate | None:
        fresh = Certificate.objects.get(pk=certificate.pk)
        return fresh if fresh.pdf and fresh.pdf_generated_at else None

    try:
        done = wait_until(rendered, timeout=60, message=f"the PDF (worker log:\n{celery_worker.log_tail()})")
        assert default_storage.exists(done.pdf.name)
        with default_storage.open(done.pdf.name, "rb") as handle:
            assert handle.read(5) == b"%PDF-"
        assert "certificates.tasks.certificate_pdf_render" in celery_worker.log()
    finally:
        stored = Certificate.objects.get(pk=certificate.pk).pdf.name
        if stored and default_storage.exists(stored):
            default_storage.delete(stored)
