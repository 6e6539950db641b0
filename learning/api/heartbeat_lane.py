"""The playback heartbeat answered in the WSGI lane (config/wsgi_lane.py, wired in config/wsgi.py).

Every learner's player posts a heartbeat every ~10 s, so this is the API's busiest request by far. The usual
one — ``Authorization: Token <key>``, a JSON body that ``heartbeat_parse`` reads, the token of an active user
enrolled in the course, not completing its lesson — is recorded here, before Django's middleware and DRF, in
one database statement that also checks the token (``services.heartbeat_record_by_token``), with the same rules
and the same answer document (``playback_data``) as the DRF view.

Everything else is declined (None; nothing written) and Django answers it through the DRF view, which stays
the documented endpoint (OpenAPI): session (browser) requests, bad or missing tokens (401), malformed bodies
(400 with field messages), refusals such as not enrolled (403) or an unknown lesson (404) in the learner's
language, the heartbeat that completes a lesson (its follow-ups notify, in the learner's language), other
methods.
"""

from __future__ import annotations

import json

from django.db import connection
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.authentication import token_key
from accounts.models import User

from .. import services
from .serializers import heartbeat_parse, playback_data


def heartbeat_lane_answer(request: HttpRequest) -> bytes | None:
    """The answer to a usual token heartbeat, recorded; None for Django to answer."""
    key = token_key(request.META.get("HTTP_AUTHORIZATION", ""))
    if key is None or request.content_type != "application/json":
        return None
    try:
        heartbeat = heartbeat_parse(json.loads(request.body))
    except ValueError:
        return None
    if heartbeat is None:
        return None
    recorded = services.heartbeat_record_by_token(token=key, heartbeat=heartbeat)
    if recorded is None:
        return None
    user_id, playback = recorded
    request.user = SimpleLazyObject(lambda: User.from_db(connection.alias, ["id", "is_active"], (user_id, True)))  # type: ignore[assignment]  # for the request log
    return json.dumps(playback_data(playback), ensure_ascii=False, separators=(",", ":")).encode()  # as DRF writes it
