"""Certificate PDF: what the first download would cost without the cache, vs serving the cached file.

    .venv/bin/python bench/certificate_pdf.py [--runs 10]

1. renders one certificate (Chinese name, title, issuer, QR code) with WeasyPrint: the first render in
   the process (fonts loaded and shaped for the first time) and the mean of ``--runs`` further renders;
2. baseline: reading the same PDF back from Django's storage, which is what a download costs once the
   PDF is cached (rendered after issue by ``certificates.tasks.certificate_pdf_render``);
3. prints both, their ratio and the PDF size.

No database is needed: the certificate is an unsaved model instance; storage is a temporary MEDIA_ROOT.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    media = tempfile.mkdtemp(prefix="bench-cert-")
    os.environ["MEDIA_ROOT"] = media

    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    from certificates.models import Certificate, certificate_code_generate
    from certificates.pdf import certificate_pdf_bytes

    certificate = Certificate(
        recipient_name="张小伟",
        title="数控车床操作与维护（中级）",
        hours=Decimal("32.5"),
        issuer="李斌数控技术创新工作室",
        issued_on=datetime.date(2026, 11, 25),
        code=certificate_code_generate(),
    )
    started = time.perf_counter()
    pdf = certificate_pdf_bytes(certificate=certificate)
    first = time.perf_counter() - started
    warm = []
    for _n in range(args.runs):
        started = time.perf_counter()
        certificate_pdf_bytes(certificate=certificate)
        warm.append(time.perf_counter() - started)

    storage = FileSystemStorage(location=media)
    name = storage.save(f"certificates/{certificate.code}.pdf", ContentFile(pdf))
    cached = []
    for _n in range(args.runs):
        started = time.perf_counter()
        with storage.open(name, "rb") as handle:
            handle.read()
        cached.append(time.perf_counter() - started)

    warm_mean, cached_mean = statistics.mean(warm), statistics.mean(cached)
    print(f"PDF size: {len(pdf) / 1024:.1f} KiB")
    print(f"render, first in process: {first * 1000:.0f} ms")
    print(f"render, mean of {args.runs}: {warm_mean * 1000:.0f} ms (min {min(warm) * 1000:.0f}, max {max(warm) * 1000:.0f})")
    print(f"baseline — cached PDF read from storage, mean of {args.runs}: {cached_mean * 1000:.2f} ms")
    print(f"rendering on download would cost {warm_mean / cached_mean:.0f}× the cached read")


if __name__ == "__main__":
    main()
