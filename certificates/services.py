"""Writes of certificates: issue (idempotent per recipient and source), revoke, PDF caching."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import ApplicationError

from .models import Certificate

if TYPE_CHECKING:
    from accounts.models import User


def _hours_clean(hours: Decimal | int | float | str) -> Decimal:
    try:
        value = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as exc:
        raise ApplicationError(_("学时必须是数字。")) from exc
    if value < 0 or value >= Decimal("100000"):
        raise ApplicationError(_("学时必须在 0 到 99999.9 之间。"))
    return value


def certificate_issue(
    *,
    recipient: User,
    title: str,
    hours: Decimal,
    issuer: str,
    source: models.Model,
    issued_on: datetime.date | None = None,
) -> Certificate:
    """Issue ``recipient`` a certificate for ``source`` — or return the one already issued for it.

    Idempotent per (recipient, source): calling it again (a second passing attempt, a retried task, two
    requests racing) returns the existing certificate unchanged. The PDF is generated in a Celery task
    after the commit, so issuing never waits for WeasyPrint.
    """
    if source is None or source.pk is None:
        raise ApplicationError(_("证书来源对象必须已保存。"))
    title = (title or "").strip()
    issuer = (issuer or "").strip()
    if not title:
        raise ApplicationError(_("证书名称不能为空。"))
    if not issuer:
        raise ApplicationError(_("颁发单位不能为空。"))
    value = _hours_clean(hours)
    content_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
    lookup = {"recipient": recipient, "source_content_type": content_type, "source_object_id": source.pk}
    existing = Certificate.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                **lookup,
                recipient_name=recipient.get_full_name() or recipient.get_username(),
                title=title[:200],
                hours=value,
                issuer=issuer[:200],
                issued_on=issued_on or timezone.localdate(),
            )
    except IntegrityError:
        # a concurrent call issued it first (the unique constraint decided); return that one
        existing = Certificate.objects.filter(**lookup).first()
        if existing is None:
            raise
        return existing
    from .tasks import certificate_pdf_render

    certificate_id = certificate.pk
    transaction.on_commit(lambda: certificate_pdf_render.delay(certificate_id))
    return certificate


def certificate_pdf_ensure(*, certificate: Certificate) -> Certificate:
    """The certificate's PDF, rendered and stored on first use (implemented in the PDF module)."""
    from .pdf import certificate_pdf_store

    return certificate_pdf_store(certificate=certificate)
