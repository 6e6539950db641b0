"""A lane in front of Django's WSGI handler for one hot JSON API path (the playback heartbeat).

A POST the lane's ``answer`` can serve skips Django's middleware stack, URL resolution and response objects;
every other request — other paths and methods, anything the answer declines (returns None for), anything that
raises — is handled by Django from the start, exactly as if the lane were not there (the body is handed on
unread).

Why: every learner's player posts a heartbeat every ~10 s. On the 2-core machine of bench/heartbeat.py the
heartbeat's own work (one database statement) costs ~0.35 ms of the web worker's CPU when called straight from
WSGI, but ~0.8 ms inside Django's handler: its 14 middleware cost ~0.2 ms per request, and a request that waits
for the database pays about as much again in cache misses after the wait, the more so the more code it runs.
(WhiteNoise's WSGI mode serves static files in front of Django for the same reason.)

What the lane keeps of Django's request handling, so its answers are the ones Django would give:

* the script prefix and the ``request_started``/``request_finished`` signals (database connection ages and
  health checks run as usual);
* ``ALLOWED_HOSTS`` and ``SECURE_SSL_REDIRECT``, through Django's own request object: an unknown host or a
  plain-HTTP request goes to Django, which answers 400 or redirects;
* the headers ``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` add to a JSON answer (worked out by those
  middleware once per process, for plain and for secure requests), ``CommonMiddleware``'s Content-Length and
  DRF's ``Vary: Accept``;
* django-structlog's ``request_started``/``request_finished`` lines, when they are logged at all.

It does not activate the request's language: an answer must carry no text and make none (the heartbeat hands
completions, which notify, to Django). tests/config/test_wsgi_lane.py holds the lane's headers to Django's for
the same request, so a middleware added later that changes answers shows up there. An answer must be safe to
run again: after an exception Django runs the request once more (the heartbeat is idempotent by its client id).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

import structlog
from django.core import signals
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import NoReverseMatch, get_script_prefix, reverse, set_script_prefix
from django_structlog.middlewares.request import RequestMiddleware

Answer = Callable[[HttpRequest], bytes | None]  # the JSON document of a 200 answer, or None: Django answers
StartResponse = Callable[..., Any]
WSGIApplication = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

MAX_BODY = 16 * 1024  # a heartbeat is ~300 bytes; bigger bodies go to Django and its upload limits
JSON = "application/json"

logger = logging.getLogger(__name__)


def _never_called(request: HttpRequest) -> HttpResponse:
    raise AssertionError("the lane uses only the middleware's request and response hooks")


class _RequestLog(RequestMiddleware):
    """django-structlog's request lines, without its ``got_request_exception`` hook (which every instance
    connects): the lane lets no exception through — Django handles those requests, and logs them."""

    def __init__(self) -> None:
        self.get_response = _never_called


def _request_log_enabled() -> bool:
    """Whether django-structlog's request lines are written: with structlog on the standard library (the
    production settings) that is the level of its logger; structlog's default (development) writes every level."""
    if not isinstance(structlog.get_config()["logger_factory"], structlog.stdlib.LoggerFactory):
        return True
    return logging.getLogger("django_structlog.middlewares.request").isEnabledFor(logging.INFO)


class WsgiLane:
    """``application`` with POSTs to the URL named ``url_name`` answered by ``answer`` when it can."""

    def __init__(self, application: WSGIApplication, *, url_name: str, answer: Answer) -> None:
        self.application = application
        self.url_name = url_name
        self.answer = answer
        self._path: str | None = None  # resolved at the first request: the URLs load after the settings
        self._security = SecurityMiddleware(_never_called)
        self._frame = XFrameOptionsMiddleware(_never_called)
        self._headers: dict[bool, list[tuple[str, str]]] = {}  # the middleware's headers, plain and secure
        self._request_log = _RequestLog()

    @property
    def path(self) -> str | None:
        """The lane's path; None (nothing taken) when the URL conf has no such name (e.g. a settings module with
        other URLs): the lane then never takes a request, rather than failing every one."""
        if self._path is None:
            try:
                self._path = reverse(self.url_name)[len(get_script_prefix()) - 1 :]
            except NoReverseMatch:
                self._path = ""
        return self._path or None

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != self.path:
            return self.application(environ, start_response)
        length = environ.get("CONTENT_LENGTH") or ""
        if not length.isdigit() or int(length) > MAX_BODY:
            return self.application(environ, start_response)
        body = environ["wsgi.input"].read(int(length))
        answered = self._respond(environ, body) if len(body) == int(length) else None
        if answered is None:
            environ["wsgi.input"] = io.BytesIO(body)
            return self.application(environ, start_response)
        start_response("200 OK", answered[0])
        return [answered[1]]

    def _respond(self, environ: dict[str, Any], body: bytes) -> tuple[list[tuple[str, str]], bytes] | None:
        set_script_prefix(get_script_name(environ))
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            environ["wsgi.input"] = io.BytesIO(body)
            request = WSGIRequest(environ)
            try:
                request.get_host()
            except DisallowedHost:
                return None
            if self._security.process_request(request) is not None:  # the HTTPS redirect: Django's to give
                return None
            document = self.answer(request)
            if document is None:
                return None
            headers = [("Content-Type", JSON), ("Vary", "Accept"), ("Content-Length", str(len(document)))]
            headers += self._middleware_headers(request)
            if _request_log_enabled():  # both lines now: a declined request must not log its start twice
                self._log(request, headers, document)
            return headers, document
        except Exception:  # Django runs the request again and answers (and logs) it its own way
            logger.warning("wsgi_lane_failed", exc_info=True)
            return None
        finally:
            signals.request_finished.send(sender=self.__class__)

    def _middleware_headers(self, request: HttpRequest) -> list[tuple[str, str]]:
        """What XFrameOptionsMiddleware and SecurityMiddleware add to a JSON answer: they look at the answer's
        own headers and at whether the request is secure, nothing else — so it is worked out once for each."""
        secure = request.is_secure()
        if secure not in self._headers:
            response = HttpResponse(content_type=JSON)
            before = set(response.headers)
            response = self._security.process_response(request, self._frame.process_response(request, response))
            self._headers[secure] = [(name, value) for name, value in response.items() if name not in before]
        return self._headers[secure]

    def _log(self, request: HttpRequest, headers: list[tuple[str, str]], document: bytes) -> None:
        response = HttpResponse(document, content_type=JSON)
        for name, value in headers:
            response[name] = value
        self._request_log.prepare(request)
        self._request_log.handle_response(request, response)
