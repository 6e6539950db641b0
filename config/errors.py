"""One domain error type, turned into a user-facing message in one place (pages and API alike)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


class ApplicationError(Exception):
    """A rule of the domain refused the request; ``message`` is already translated for the user."""

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
        self.status = status


class ApplicationErrorMiddleware:
    """Pages: an ApplicationError becomes a flash message and a redirect back, never a 500."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError) or request.path.startswith("/api/"):
            return None
        messages.error(request, exception.message)
        back = request.headers.get("Referer") or request.path
        return HttpResponseRedirect(back)


def _validation_detail(error: ValidationError) -> Any:
    if hasattr(error, "message_dict"):
        return error.message_dict
    return {"detail": error.messages}


_UNTRANSLATED_404 = re.compile(r"No \w+ matches the given query\.")


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """API: ApplicationError and Django's ValidationError become 400 JSON with a Chinese message."""
    if isinstance(exc, ApplicationError):
        return Response({"detail": exc.message, **exc.extra}, status=exc.status)
    if isinstance(exc, ValidationError):
        return Response(_validation_detail(exc), status=400)
    if isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404) and _UNTRANSLATED_404.fullmatch(str(exc)):
        exc = drf_exceptions.NotFound()  # get_object_or_404's English text → "未找到。"
    return exception_handler(exc, context)
