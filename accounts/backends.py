from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest


class MobileOrUsernameBackend(ModelBackend):
    """Log in with a mobile number or a username, and a password."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not username or password is None:
            return None
        login = username.strip()
        user_model = get_user_model()
        user = user_model._default_manager.filter(Q(username__iexact=login) | Q(mobile=login)).first()
        if user is None:
            user_model().set_password(password)  # same time either way, against user enumeration
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
