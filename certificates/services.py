"""Writes of certificates: issue (idempotent per recipient and source), revoke, PDF caching."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import structlog
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import ApplicationError

from .models import Certificate

logger = structlog.get_logger(__name__)

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
    certificate_id = certificate.pk
    transaction.on_commit(lambda: _pdf_render_enqueue(certificate_id))
    return certificate


def _pdf_render_enqueue(certificate_id: int) -> None:
    """Queue the PDF rendering; a broker outage only means the first download renders it instead."""
    from .tasks import certificate_pdf_render

    try:
        certificate_pdf_render.delay(certificate_id)
    except Exception:  # the certificate is issued either way
        logger.warning("certificate_pdf_enqueue_failed", certificate_id=certificate_id, exc_info=True)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by: User) -> Certificate:
    """Revoke a certificate (the verification page then shows it as invalid, with the reason)."""
    if not by.has_perm("certificates.revoke_certificate", certificate):
        raise ApplicationError(
            _("只有管理员或获得者所属组织（在您管辖范围内）的工会干部可以撤销证书。"), status=403
        )
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("请填写撤销原因。"))
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked:
        return locked
    locked.revoked = True
    locked.revoked_reason = reason[:300]
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked", "revoked_reason", "revoked_at"])
    logger.info("certificate_revoked", certificate_id=locked.pk, by=by.pk)
    return locked


@transaction.atomic
def certificate_restore(*, certificate: Certificate, by: User) -> Certificate:
    """Undo a revocation made in error."""
    if not by.has_perm("certificates.revoke_certificate", certificate):
        raise ApplicationError(
            _("只有管理员或获得者所属组织（在您管辖范围内）的工会干部可以恢复证书。"), status=403
        )
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    locked.revoked = False
    locked.revoked_reason = ""
    locked.revoked_at = None
    locked.save(update_fields=["revoked", "revoked_reason", "revoked_at"])
    logger.info("certificate_restored", certificate_id=locked.pk, by=by.pk)
    return locked


def certificate_pdf_ensure(*, certificate: Certificate) -> Certificate:
    """The certificate's PDF, rendered and stored on first use (implemented in the PDF module)."""
    from .pdf import certificate_pdf_store

    return certificate_pdf_store(certificate=certificate)
