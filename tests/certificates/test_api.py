"""/api/v1/certificates/: my certificates (signed in) and the public verification."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.accounts.factories import UserFactory
from tests.certificates.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_my_certificates(db):  # type: ignore[no-untyped-def]
    learner = UserFactory(real_name="李娜")
    mine = CertificateFactory(recipient=learner, recipient_name="李娜")
    CertificateFactory(recipient=UserFactory())
    assert APIClient().get(reverse("v1:certificate-list")).status_code == 401
    api = APIClient()
    api.force_authenticate(learner)
    body = api.get(reverse("v1:certificate-list")).json()
    assert [c["code"] for c in body["results"]] == [mine.display_code]
    assert body["results"][0]["verify_url"] == f"http://testserver/certificates/verify/{mine.code}/"
    assert body["results"][0]["download_url"].endswith(f"/certificates/{mine.code}/download/")


def test_verify_is_public_and_masks_the_name(db):  # type: ignore[no-untyped-def]
    certificate = CertificateFactory(recipient=UserFactory(real_name="欧阳小明"), recipient_name="欧阳小明")
    response = APIClient().get(reverse("v1:certificate-verify", args=[certificate.display_code.lower()]))
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["recipient"] == "欧**明" and "欧阳小明" not in str(body)
    certificate.revoked, certificate.revoked_reason = True, "重复颁发"
    certificate.save()
    body = APIClient().get(reverse("v1:certificate-verify", args=[certificate.code])).json()
    assert body["valid"] is False and body["revoked_reason"] == "重复颁发"
    missing = APIClient().get(reverse("v1:certificate-verify", args=["0000000000000000"]))
    assert missing.status_code == 404 and missing.json()["detail"] == "没有找到该编号的证书。"
