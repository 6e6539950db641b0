"""Certificate pages: download for the owner and staff in scope, the public verification page, lookup."""

import pytest
from django.urls import reverse

from accounts.models import User
from certificates.services import certificate_revoke
from tests.accounts.factories import UserFactory
from tests.certificates.factories import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fresh(people):  # type: ignore[no-untyped-def]
    """The people with their organisations as stored (the tree's paths shift while it is built)."""
    return {key: User.objects.get(pk=user.pk) for key, user in people.items()}


@pytest.fixture
def certificate(fresh):  # type: ignore[no-untyped-def]
    learner = fresh["worker_a"]
    learner.real_name = "张小伟"
    learner.save()
    return CertificateFactory(recipient=learner, recipient_name="张小伟")


DOWNLOAD_MATRIX = {"worker_a": 200, "staff_a": 200, "city_staff": 200, "admin": 200, "staff_b": 403, "master_a": 403}


@pytest.mark.parametrize("who", sorted(DOWNLOAD_MATRIX))
def test_download_permission_matrix(client, fresh, certificate, who):  # type: ignore[no-untyped-def]
    client.force_login(fresh[who])
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == DOWNLOAD_MATRIX[who]
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]


def test_anonymous_download_goes_to_login(client, certificate):  # type: ignore[no-untyped-def]
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_revoked_certificate_cannot_be_downloaded(client, fresh, certificate):  # type: ignore[no-untyped-def]
    certificate_revoke(certificate=certificate, reason="考核作弊", by=fresh["staff_a"])
    client.force_login(fresh["worker_a"])
    response = client.get(reverse("certificates:download", args=[certificate.code]), follow=True)
    assert response.redirect_chain == [(reverse("certificates:mine"), 302)]
    assert "该证书已被撤销，不能下载。" in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.pdf


def test_verify_page_shows_validity_with_the_name_masked(client, certificate):  # type: ignore[no-untyped-def]
    response = client.get(certificate.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "证书真实有效" in html and "张*伟" in html and "张小伟" not in html
    assert certificate.title in html and certificate.display_code in html
    assert certificate.recipient.mobile not in html and certificate.recipient.username not in html


def test_verify_page_of_a_revoked_certificate(client, fresh, certificate):  # type: ignore[no-untyped-def]
    certificate_revoke(certificate=certificate, reason="学时记录有误", by=fresh["staff_a"])
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "该证书已被撤销，不再有效。" in html and "学时记录有误" in html and "证书真实有效" not in html


def test_lookup_by_typed_code(client, certificate):  # type: ignore[no-untyped-def]
    typed = certificate.display_code.lower()
    response = client.get(reverse("certificates:verify_lookup"), {"code": f" {typed} "})
    assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()
    odd_form = client.get(reverse("certificates:verify", args=[typed]))
    assert odd_form.status_code == 302 and odd_form["Location"] == certificate.get_absolute_url()


def test_unknown_code_is_a_chinese_404(client, db):  # type: ignore[no-untyped-def]
    response = client.get(reverse("certificates:verify_lookup"), {"code": "ABCD-EFGH"})
    assert response.status_code == 404 and "没有找到编号为“ABCD-EFGH”的证书" in response.content.decode()
    assert client.get(reverse("certificates:verify", args=["NOPE"])).status_code == 404
    assert client.get(reverse("certificates:verify_lookup")).status_code == 200


def test_my_certificates_lists_only_mine(client, certificate):  # type: ignore[no-untyped-def]
    CertificateFactory(recipient=UserFactory(), title="别人的证书")
    client.force_login(certificate.recipient)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.title in html and "别人的证书" not in html
    assert reverse("certificates:download", args=[certificate.code]) in html


def test_verify_page_in_english(client, certificate):  # type: ignore[no-untyped-def]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "This certificate is genuine and valid" in html and "证书真实有效" not in html
