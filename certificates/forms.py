"""The certificate form of the Wagtail admin: the only edit is revoking (with a reason) or restoring."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from config.errors import ApplicationError

from .services import certificate_restore, certificate_revoke


class CertificateAdminForm(WagtailAdminModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("revoked") and not (cleaned.get("revoked_reason") or "").strip():
            self.add_error("revoked_reason", _("撤销证书必须填写撤销原因。"))
        return cleaned

    def save(self, commit: bool = True) -> Any:
        certificate = self.instance
        try:
            if self.cleaned_data.get("revoked"):
                certificate = certificate_revoke(
                    certificate=certificate, reason=self.cleaned_data["revoked_reason"], by=self.for_user
                )
            else:
                certificate = certificate_restore(certificate=certificate, by=self.for_user)
        except ApplicationError as error:  # permission re-checked by the service
            raise PermissionDenied(error.message) from error
        self.instance = certificate
        return certificate

    def save_m2m(self) -> None:  # nothing else is editable
        return None
