"""Certificates in the Wagtail admin: staff of the learner's subtree may revoke, others see nothing."""

import pytest
from django.urls import reverse

from accounts.models import User
from certificates.models import Certificate
from tests.certificates.factories import CertificateFactory

pytestmark = pytest.mark.django_db

INDEX = "wagtailsnippets_certificates_certificate:list"
EDIT = "wagtailsnippets_certificates_certificate:edit"
ADD = "wagtailsnippets_certificates_certificate:add"


@pytest.fixture
def fresh(people):  # type: ignore[no-untyped-def]
    return {key: User.objects.get(pk=user.pk) for key, user in people.items()}


@pytest.fixture
def certificates(fresh):  # type: ignore[no-untyped-def]
    return {
        "a": CertificateFactory(recipient=fresh["worker_a"], title="金水区学员的证书"),
        "b": CertificateFactory(recipient=fresh["master_b"], title="二七区学员的证书"),
    }


MATRIX = {"admin": {"a", "b"}, "city_staff": {"a", "b"}, "staff_a": {"a"}, "staff_b": {"b"}}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_listing_and_edit_are_scoped(client, fresh, certificates, who):  # type: ignore[no-untyped-def]
    client.force_login(fresh[who])
    html = client.get(reverse(INDEX)).content.decode()
    assert {k for k, c in certificates.items() if c.title in html} == MATRIX[who]
    for key, certificate in certificates.items():
        expected = 200 if key in MATRIX[who] else 404
        assert client.get(reverse(EDIT, args=[certificate.pk])).status_code == expected
    assert client.get(reverse(ADD)).status_code in (302, 403)  # certificates are issued, never typed in


@pytest.mark.parametrize("who", ["master_a", "worker_a"])
def test_masters_and_workers_have_no_certificate_admin(client, fresh, certificates, who):  # type: ignore[no-untyped-def]
    client.force_login(fresh[who])
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    assert client.get(reverse(EDIT, args=[certificates["a"].pk])).status_code in (302, 403, 404)


def test_staff_revoke_with_a_reason_and_restore(client, fresh, certificates):  # type: ignore[no-untyped-def]
    client.force_login(fresh["staff_a"])
    url = reverse(EDIT, args=[certificates["a"].pk])
    refused = client.post(url, {"revoked": "on", "revoked_reason": ""})
    assert refused.status_code == 200 and "撤销证书必须填写撤销原因。" in refused.content.decode()
    assert not Certificate.objects.get(pk=certificates["a"].pk).revoked
    assert client.post(url, {"revoked": "on", "revoked_reason": "考核作弊"}).status_code == 302
    revoked = Certificate.objects.get(pk=certificates["a"].pk)
    assert revoked.revoked and revoked.revoked_reason == "考核作弊" and revoked.revoked_at is not None
    assert client.post(url, {"revoked_reason": ""}).status_code == 302
    assert not Certificate.objects.get(pk=certificates["a"].pk).revoked
    # outside the subtree: 404, nothing changes
    assert client.post(reverse(EDIT, args=[certificates["b"].pk]), {"revoked": "on", "revoked_reason": "x"}).status_code == 404
    assert not Certificate.objects.get(pk=certificates["b"].pk).revoked
