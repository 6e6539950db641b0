"""accounts.authentication.TokenAuthentication: DRF's token rules, the lookup as one prepared statement."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ME = reverse("v1:me")


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def test_a_valid_token_authenticates_its_user_in_one_query(people):  # type: ignore[no-untyped-def]
    worker = people["worker_a"]
    token = Token.objects.create(user=worker)
    with CaptureQueriesContext(connection) as queries:
        response = _client(token.key).get(ME)
    assert response.status_code == 200 and response.json()["id"] == worker.pk
    lookups = [q["sql"] for q in queries.captured_queries if "authtoken_token" in q["sql"]]
    assert len(lookups) == 1
    assert response.json()["organisation"]["code"] == "zmj"  # the user row is complete (related objects load)


def test_an_unknown_token_is_401_in_chinese(db):  # type: ignore[no-untyped-def]
    response = _client("0" * 40).get(ME)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert _is_chinese(response.json()["detail"])


def test_the_token_of_an_inactive_user_is_refused(db):  # type: ignore[no-untyped-def]
    token = Token.objects.create(user=UserFactory(is_active=False))
    response = _client(token.key).get(ME)
    assert response.status_code == 401 and _is_chinese(response.json()["detail"])


def test_a_deleted_token_stops_working_at_once(people):  # type: ignore[no-untyped-def]
    token = Token.objects.create(user=people["worker_a"])
    client = _client(token.key)
    assert client.get(ME).status_code == 200
    token.delete()
    assert client.get(ME).status_code == 401
