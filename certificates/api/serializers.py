from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from certificates.models import Certificate
from certificates.selectors import recipient_name_masked


class CertificateSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="display_code", read_only=True)
    verify_url = serializers.SerializerMethodField(help_text=_("公开查验页面的网址。"))
    download_url = serializers.SerializerMethodField(help_text=_("PDF 下载网址（需登录）；已撤销为 null。"))

    class Meta:
        model = Certificate
        fields = [
            "code", "title", "recipient_name", "hours", "issuer", "issued_on", "revoked", "revoked_reason",
            "verify_url", "download_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_verify_url(self, certificate: Certificate) -> str:
        request = self.context.get("request")
        url = certificate.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def get_download_url(self, certificate: Certificate) -> str | None:
        if certificate.revoked:
            return None
        url = reverse("certificates:download", kwargs={"code": certificate.code})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class CertificateVerifySerializer(serializers.ModelSerializer):
    """What anybody may learn from a code: validity and the certificate, the holder's name masked."""

    code = serializers.CharField(source="display_code", read_only=True)
    valid = serializers.BooleanField(source="is_valid", read_only=True)
    recipient = serializers.SerializerMethodField(help_text=_("部分隐去的姓名，如“张*伟”。"))

    class Meta:
        model = Certificate
        fields = ["code", "valid", "recipient", "title", "hours", "issuer", "issued_on", "revoked", "revoked_reason"]
        read_only_fields = fields

    def get_recipient(self, certificate: Certificate) -> str:
        return recipient_name_masked(certificate.recipient_name)
