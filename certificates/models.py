"""Certificates (结业证书) with a public, non-guessable verification code.

The certificates app knows a ``source`` (any model: a course, a quiz, a mentorship plan) only as a
generic relation; features call ``certificates.services.certificate_issue`` and never the reverse.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Crockford's base32 without I, L, O, U: easy to read aloud and to type from a printed certificate.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 bits of randomness
_CODE_TRANSLATE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
_NOT_CODE = re.compile(r"[^0-9A-Z]")


def certificate_code_generate() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def certificate_code_normalise(typed: str) -> str:
    """What a person typed (any case, with spaces or dashes, O for 0) → the stored form."""
    text = unicodedata.normalize("NFKC", typed or "").upper()
    return _NOT_CODE.sub("", text).translate(_CODE_TRANSLATE)


def certificate_pdf_upload_to(instance: Certificate, filename: str) -> str:
    return f"certificates/{instance.code[:2]}/{instance.code}.pdf"


class Certificate(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("获得者"),
        on_delete=models.PROTECT,
        related_name="certificates",
        help_text=_("获得证书的学员。"),
    )
    recipient_name = models.CharField(
        _("证书上的姓名"), max_length=60, help_text=_("颁发时记录的学员姓名，印在证书上。")
    )
    title = models.CharField(_("证书名称"), max_length=200, help_text=_("通常是课程或项目名称。"))
    hours = models.DecimalField(
        _("学时"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("证书记载的学时数。"),
    )
    issuer = models.CharField(_("颁发单位"), max_length=200, help_text=_("例如创新工作室或工会组织的名称。"))
    source_content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("来源类型"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("颁发证书的对象类型（课程、测验等）。"),
    )
    source_object_id = models.PositiveBigIntegerField(_("来源编号"), help_text=_("颁发证书的对象编号。"))
    source = GenericForeignKey("source_content_type", "source_object_id")
    issued_on = models.DateField(_("颁发日期"), default=timezone.localdate, help_text=_("证书上的日期。"))
    code = models.CharField(
        _("证书编号"),
        max_length=CODE_LENGTH,
        unique=True,
        default=certificate_code_generate,
        editable=False,
        help_text=_("不可猜测的唯一编号，用于公开查验。"),
    )
    revoked = models.BooleanField(_("已撤销"), default=False, help_text=_("撤销后查验页显示证书无效。"))
    revoked_reason = models.CharField(
        _("撤销原因"), max_length=300, blank=True, help_text=_("撤销的原因，会在查验页显示。")
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True, help_text=_("撤销的时间。"))
    pdf = models.FileField(
        _("PDF 文件"),
        upload_to=certificate_pdf_upload_to,
        blank=True,
        max_length=200,
        help_text=_("生成的证书 PDF（首次下载或颁发后生成并缓存）。"),
    )
    pdf_generated_at = models.DateTimeField(
        _("PDF 生成时间"), null=True, blank=True, help_text=_("缓存的 PDF 生成的时间。")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, help_text=_("记录创建的时间。"))

    class Meta:
        verbose_name = _("证书")
        verbose_name_plural = _("证书")
        ordering = ["-issued_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "source_content_type", "source_object_id"],
                name="certificates_one_per_recipient_source",
            )
        ]
        indexes = [models.Index(fields=["source_content_type", "source_object_id"], name="cert_source")]

    def __str__(self) -> str:
        return f"{self.title} · {self.recipient_name}"

    def get_absolute_url(self) -> str:
        """The public verification page."""
        return reverse("certificates:verify", kwargs={"code": self.code})

    @property
    def display_code(self) -> str:
        """The code in groups of four, as printed: ``7K3M-9QXD-…``."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_valid(self) -> bool:
        return not self.revoked
