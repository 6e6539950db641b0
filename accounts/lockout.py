"""What django-axes counts failed logins against (``AXES_USERNAME_CALLABLE``).

People sign in with a mobile number or a username (matched case-insensitively), so the raw text
typed is not a stable key: "Zhang", "zhang" and 13800138000 can all be the same account, and an
attacker could spread guesses over the spellings. Known accounts are therefore counted under their
username; unknown logins under their trimmed, lower-cased text.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        raw = credentials.get(field)
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        raw = data.get(field)
    login = (raw or "").strip()
    if not login:
        return ""
    from .models import User  # imported late: axes may call this while apps are loading

    username = (
        User._default_manager.filter(Q(username__iexact=login) | Q(mobile=login))
        .values_list("username", flat=True)
        .first()
    )
    return (username or login).lower()
