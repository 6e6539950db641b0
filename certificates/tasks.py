"""Background work of certificates: render the PDF once after issue, so the first download is instant."""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=30, acks_late=True)
def certificate_pdf_render(self, certificate_id: int) -> None:  # type: ignore[no-untyped-def]
    from .models import Certificate
    from .services import certificate_pdf_ensure

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return
    try:
        certificate_pdf_ensure(certificate=certificate)
    except Exception as exc:  # WeasyPrint or storage hiccup: try again later, the download path also renders
        raise self.retry(exc=exc) from exc
