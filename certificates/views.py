"""Pages: my certificates, the PDF download (owner and staff in scope), the public verification page.

The verification page shows only what a verifier needs: valid or revoked, the title, hours, issuer,
date, and the holder's name masked (张*伟).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .models import certificate_code_normalise
from .selectors import certificate_by_code, certificates_for_user, recipient_name_masked
from .services import certificate_pdf_ensure


@require_GET
@login_required
def my_certificates(request: HttpRequest) -> HttpResponse:
    certificates = certificates_for_user(user=request.user)  # type: ignore[arg-type]
    return render(request, "certificates/my_certificates.html", {"certificates": certificates})


@require_GET
@login_required
def download(request: HttpRequest, code: str) -> HttpResponse:
    certificate = certificate_by_code(code=code)
    if certificate is None:
        raise Http404(_("证书不存在。"))
    if not request.user.has_perm("certificates.download_certificate", certificate):
        raise PermissionDenied(_("只有证书获得者本人和所属组织的工会干部可以下载该证书。"))
    if certificate.revoked:  # a message on the list, never a redirect back to this same address
        messages.error(request, _("该证书已被撤销，不能下载。"))
        if certificate.recipient_id == request.user.pk:
            return redirect("certificates:mine")
        return redirect("certificates:verify", code=certificate.code)
    certificate = certificate_pdf_ensure(certificate=certificate)
    filename = f"{certificate.title}-{certificate.display_code}.pdf"
    return FileResponse(certificate.pdf.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


@require_GET
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """The form where a verifier types the code printed on a certificate."""
    typed = (request.GET.get("code") or "").strip()
    error = ""
    if typed:
        code = certificate_code_normalise(typed)
        if certificate_by_code(code=code) is not None:
            return redirect("certificates:verify", code=code)
        error = _("没有找到编号为“%(code)s”的证书，请核对后重新输入。") % {"code": typed[:40]}
    return render(
        request, "certificates/verify_lookup.html", {"typed": typed, "error": error}, status=404 if error else 200
    )


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = certificate_by_code(code=code)
    if certificate is None:
        return render(
            request,
            "certificates/verify_lookup.html",
            {"typed": code[:40], "error": _("没有找到编号为“%(code)s”的证书，请核对后重新输入。") % {"code": code[:40]}},
            status=404,
        )
    if certificate.code != code:  # typed in another form (lower case, dashes): one canonical address
        return redirect("certificates:verify", code=certificate.code)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "masked_name": recipient_name_masked(certificate.recipient_name),
        },
    )
