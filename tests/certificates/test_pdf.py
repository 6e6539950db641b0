"""The real PDF (WeasyPrint, Noto CJK): the Chinese text is in it and its QR code opens the verify page."""

import io
from decimal import Decimal

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.conf import settings

from certificates.pdf import certificate_pdf_bytes, certificate_verify_url
from certificates.services import certificate_pdf_ensure
from tests.accounts.factories import UserFactory
from tests.certificates.factories import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WAGTAILADMIN_BASE_URL = "https://xue.zzgh.example.cn"
    return settings.MEDIA_ROOT


@pytest.fixture
def certificate():  # type: ignore[no-untyped-def]
    return CertificateFactory(
        recipient=UserFactory(real_name="张小伟"),
        recipient_name="张小伟",
        title="数控车床操作与维护",
        hours=Decimal("12.5"),
        issuer="李斌数控技术创新工作室",
    )


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "".join(page.extract_text() for page in reader.pages)


def _qr_codes(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=3).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_pdf_holds_the_chinese_name_course_hours_issuer_and_code(certificate):  # type: ignore[no-untyped-def]
    pdf = certificate_pdf_bytes(certificate=certificate)
    assert pdf.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1  # one landscape A4 sheet
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = "".join(_text(pdf).split())  # the extractor may break lines anywhere
    for expected in ("结业证书", "张小伟", "数控车床操作与维护", "12.5", "李斌数控技术创新工作室", certificate.display_code):
        assert expected in text, (expected, text)
    fonts = [font.get_object().get("/BaseFont", "") for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert any("Noto-Serif-CJK-SC" in str(name) for name in fonts), fonts  # subset, embedded


def test_qr_code_points_at_the_public_verification_page(certificate):  # type: ignore[no-untyped-def]
    expected = f"https://xue.zzgh.example.cn/certificates/verify/{certificate.code}/"
    assert certificate_verify_url(certificate=certificate) == expected
    assert _qr_codes(certificate_pdf_bytes(certificate=certificate)) == [expected]


def test_pdf_is_rendered_once_and_kept_in_storage(certificate, media_root):  # type: ignore[no-untyped-def]
    stored = certificate_pdf_ensure(certificate=certificate)
    assert stored.pdf.name == f"certificates/{certificate.code[:2]}/{certificate.code}.pdf"
    path = media_root / stored.pdf.name
    assert path.read_bytes().startswith(b"%PDF")
    generated_at, mtime = stored.pdf_generated_at, path.stat().st_mtime_ns
    again = certificate_pdf_ensure(certificate=certificate)
    assert again.pdf_generated_at == generated_at and path.stat().st_mtime_ns == mtime
    assert settings.MEDIA_ROOT == media_root
