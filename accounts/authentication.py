"""API token authentication in one prepared statement.

DRF's TokenAuthentication builds an ORM query (token JOIN user) on every request, which PostgreSQL then plans
again; the mobile app calls the API every ~10 s per learner (playback heartbeats), so both costs add up. This
class reads the same row with the same checks and messages, through a statement prepared once per connection
(config.db), and builds the same model instances from it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from config.db import statements_run

from .models import User


@cache
def _statement() -> tuple[str, list[str], list[str]]:
    quote = connection.ops.quote_name
    user_fields = [field.attname for field in User._meta.concrete_fields]
    token_fields = [field.attname for field in Token._meta.concrete_fields]
    columns = [f"u.{quote(User._meta.get_field(name).column)}" for name in user_fields]
    columns += [f"t.{quote(Token._meta.get_field(name).column)}" for name in token_fields]
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(Token._meta.db_table)} AS t "
        f"JOIN {quote(User._meta.db_table)} AS u ON u.{quote(User._meta.pk.column)} = t.{quote(Token._meta.get_field('user').column)} "
        f"WHERE t.{quote(Token._meta.pk.column)} = %s"
    )
    return sql, user_fields, token_fields


def token_lookup(key: str) -> tuple[User, Token] | None:
    """The token with this key and its user (one prepared statement), or None when there is no such token."""
    sql, user_fields, token_fields = _statement()
    rows = statements_run([(sql, [key])])
    if not rows:
        return None
    row = rows[0]
    user = User.from_db(connection.alias, user_fields, row[: len(user_fields)])
    token = Token.from_db(connection.alias, token_fields, row[len(user_fields) :])
    token.user = user
    return user, token


def token_key(authorization: str) -> str | None:
    """The key of a well-formed ``Authorization: Token <key>`` header value, else None (DRF then decides)."""
    keyword, _space, key = authorization.partition(" ")
    if keyword != "Token" or not key or " " in key:
        return None
    return key


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` — as DRF's, with the lookup prepared."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        found = token_lookup(key)
        if found is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not found[0].is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return found
