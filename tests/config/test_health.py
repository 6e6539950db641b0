import pytest
from django.test import override_settings


def test_healthz_answers_without_touching_services(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_every_configured_service(client, settings):
    assert settings.REDIS_URL and settings.ELASTICSEARCH_URL, "make test sets REDIS_URL and ELASTICSEARCH_URL"
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert set(body["checks"]) == {"database", "redis", "elasticsearch"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_readyz_is_unavailable_when_a_service_is_down(client):
    with override_settings(ELASTICSEARCH_URL="http://127.0.0.1:1"):
        response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["elasticsearch"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
