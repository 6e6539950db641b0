"""Handouts for the demo's document lessons: small PDFs drawn with WeasyPrint (and Noto CJK) at load time."""

from __future__ import annotations

import logging

from django.conf import settings
from django.template.loader import render_to_string

from .course_specs import DocumentSpec

logger = logging.getLogger(__name__)


def handout_pdf_bytes(*, spec: DocumentSpec) -> bytes | None:
    """The handout as a PDF, one page per section; None when WeasyPrint cannot run here (no Pango)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # WeasyPrint needs Pango from the system's packages
        logger.warning("demo handout %r skipped: WeasyPrint is not available (%s)", spec.title, exc)
        return None
    html = render_to_string("cms/demo/handout.html", {"spec": spec})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
