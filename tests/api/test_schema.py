"""The OpenAPI schema validates without a single warning, and its docs pages run without a CDN."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from tests.accounts.factories import SiteAdminFactory

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
CDN = re.compile(r"https?://|//[\w.-]*cdn|jsdelivr|unpkg|cdnjs", re.IGNORECASE)  # any off-site address


def test_spectacular_validates_with_no_warnings(tmp_path, capsys):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--api-version", "v1", "--file", str(out))
    stderr = capsys.readouterr().err
    assert "Warning" not in stderr, stderr
    assert "Error" not in stderr, stderr
    schema = out.read_text(encoding="utf-8")
    for path in ("/api/v1/auth/token/", "/api/v1/me/", "/api/v1/organisations/managed/",
                 "/api/v1/studios/onboarding/", "/api/v1/notifications/preferences/",
                 "/api/v1/search/", "/api/v1/learning/heartbeats/"):  # the WSGI lane in front leaves the DRF view documented
        assert f"  {path}:" in schema
    assert "/admin/api/" not in schema  # Wagtail's own admin API is not part of ours


@pytest.mark.django_db
def test_schema_endpoint_serves_openapi(client):
    response = client.get(reverse("v1:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    body = response.json()
    assert body["openapi"].startswith("3.")
    assert body["info"]["title"] == "匠联学堂 API"
    assert "tokenAuth" in body["components"]["securitySchemes"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["v1:docs", "v1:redoc"])
def test_docs_pages_load_their_assets_from_our_own_static_files(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert assets, html
    for url in assets:
        assert url.startswith("/static/"), f"{url} is not served by the site"
        assert finders.find(url.removeprefix("/static/").split("?")[0]), f"{url} is missing"
    assert not CDN.search(html), CDN.search(html)  # (a bare "cdn" also turns up inside random CSRF tokens)
    assert reverse("v1:schema") in html


@pytest.mark.django_db
def test_wagtail_admin_api_is_not_caught_by_api_versioning(client):
    """DRF views outside /api/v1/ (Wagtail's page explorer API) stay unversioned instead of 404."""
    client.force_login(SiteAdminFactory())
    response = client.get("/admin/api/main/pages/")
    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_unknown_api_objects_get_a_chinese_404():
    api = APIClient()
    api.force_authenticate(SiteAdminFactory())
    response = api.get(reverse("v1:studio-detail", args=["no-such-studio"]))
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_the_version_root_leads_to_the_docs(client):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/")
    assert response.status_code == 302
    assert response["Location"] == reverse("v1:docs")
