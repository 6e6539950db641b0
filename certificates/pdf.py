"""The certificate as a PDF: WeasyPrint with Debian's Noto CJK fonts, a QR code (segno, inline SVG)
pointing at the public verification page. Rendered once and kept in storage.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Certificate


def certificate_verify_url(*, certificate: Certificate, base_url: str | None = None) -> str:
    """The absolute public verification address (``WAGTAILADMIN_BASE_URL`` unless a base is given).

    The PDF is cached and may be rendered by a worker, so it always uses the configured public address,
    never whatever host the first downloader happened to use.
    """
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return f"{base}{certificate.get_absolute_url()}"


def certificate_qr_svg(*, url: str) -> str:
    """An inline SVG QR code (no XML declaration, scalable) for ``url``."""
    import segno

    qr = segno.make(url, error="m", micro=False)
    return qr.svg_inline(scale=4, border=0, dark="#1f2937", omitsize=True)


def certificate_html(*, certificate: Certificate) -> str:
    verify_url = certificate_verify_url(certificate=certificate)
    with translation.override(settings.LANGUAGE_CODE):  # the printed certificate is in Chinese
        return render_to_string(
            "certificates/pdf/certificate.html",
            {
                "certificate": certificate,
                "verify_url": verify_url,
                "qr_svg": certificate_qr_svg(url=verify_url),
            },
        )


def certificate_pdf_bytes(*, certificate: Certificate) -> bytes:
    from weasyprint import HTML

    html = certificate_html(certificate=certificate)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


@transaction.atomic
def certificate_pdf_store(*, certificate: Certificate) -> Certificate:
    """Render and store the PDF unless it already is; the row lock keeps two first downloads from
    rendering twice."""
    locked = Certificate.objects.select_for_update().select_related("recipient").get(pk=certificate.pk)
    if locked.pdf and locked.pdf.storage.exists(locked.pdf.name):
        return locked
    content = certificate_pdf_bytes(certificate=locked)
    locked.pdf.save(f"{locked.code}.pdf", ContentFile(content), save=False)
    locked.pdf_generated_at = timezone.now()
    locked.save(update_fields=["pdf", "pdf_generated_at"])
    return locked
