"""API token authentication in one prepared statement.

DRF's TokenAuthentication builds an ORM query (token JOIN user) on every request, which PostgreSQL then plans
again; the mobile app calls the API every ~10 s per learner (playback heartbeats), so both costs add up. This
class reads the same row with the same checks and messages, through a statement prepared once per connection
(config.db.prepared_cursor), and builds the same model instances from it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from config.db import prepared_cursor

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


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` — as DRF's, with the lookup prepared."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        sql, user_fields, token_fields = _statement()
        with prepared_cursor() as cursor:
            cursor.execute(sql, [key])
            row = cursor.fetchone()
        if row is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = User.from_db(connection.alias, user_fields, row[: len(user_fields)])
        token = Token.from_db(connection.alias, token_fields, row[len(user_fields) :])
        token.user = user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (user, token)
