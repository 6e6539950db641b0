"""The heartbeat endpoint's fast lane: a token-authenticated, well-formed heartbeat served without DRF.

Every learner's player posts a heartbeat every ~10 s, so this is the API's busiest request by far. DRF's
request wrapping, content negotiation, authentication and permission machinery alone cost as much as a whole
plain Django view (bench/heartbeat.py measures both), and every round trip to the database costs more CPU than
the statements it carries. The usual request — ``Authorization: Token <key>``, a JSON body that
``heartbeat_parse`` reads, an existing token of an active user — is therefore served here, in one round trip
(the token is checked by the same database statement that records the heartbeat:
``services.heartbeat_record_by_token``), with the same rules, the same answer document (``playback_data``) and
the same refusals
(``ApplicationError`` → ``{"detail": …}`` with its status). Everything else — session (browser) requests, bad
or missing tokens, malformed bodies, other methods — goes to the DRF view unchanged, which decides and answers as
it always has (401, 400 with field messages, 405, …). The DRF view class stays the documented one (OpenAPI).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from accounts.authentication import token_key
from config.errors import ApplicationError

from .. import services
from .serializers import heartbeat_parse, playback_data

_JSON = {"ensure_ascii": False, "separators": (",", ":")}  # as DRF's JSONRenderer writes it


def _answer(data: dict[str, Any], *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params=_JSON)
    response["Vary"] = "Accept"
    return response


def heartbeat_fast_lane(drf_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The endpoint: the fast lane in front of ``drf_view`` (the DRF view function it falls back to)."""

    @csrf_exempt  # token requests carry no cookie to forge; the DRF view checks CSRF for session requests
    def endpoint(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = token_key(request.META.get("HTTP_AUTHORIZATION", ""))
        if request.method != "POST" or key is None or request.content_type != "application/json":
            return drf_view(request, *args, **kwargs)
        try:
            heartbeat = heartbeat_parse(json.loads(request.body))
        except ValueError:
            heartbeat = None
        if heartbeat is None:
            return drf_view(request, *args, **kwargs)
        try:
            recorded = services.heartbeat_record_by_token(token=key, heartbeat=heartbeat)
        except ApplicationError as error:  # the token was good: the refusal is the answer
            return _answer({"detail": error.message, **error.extra}, status=error.status)
        if recorded is None:  # no such token, an inactive user, or refused before the token was checked
            return drf_view(request, *args, **kwargs)
        request.user = recorded[0]  # for the request log, as DRF sets it
        return _answer(playback_data(recorded[1]))

    return endpoint
