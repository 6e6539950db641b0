"""Calling a WSGI application in tests, as a server would (Django's test client only calls Django's handler)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core import signals
from django.db import close_old_connections
from django.test import RequestFactory


@dataclass
class WsgiAnswer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@contextmanager
def connections_kept() -> Iterator[None]:
    """As Django's test client does: the request signals must not close the test's connection (its transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def wsgi_post(application: Any, path: str, payload: Any = None, *, body: bytes | None = None, **headers: Any) -> WsgiAnswer:
    """POST ``payload`` as JSON (or ``body`` as it is) to ``application``; ``headers`` as WSGI environ keys."""
    data = body if body is not None else json.dumps(payload).encode()
    environ = RequestFactory().generic("POST", path, data, content_type="application/json", **headers).environ
    started: list[Any] = []
    with connections_kept():
        chunks = application(environ, lambda status, response_headers, exc_info=None: started.append((status, response_headers)))
        content = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()  # Django's response sends request_finished here
    status, response_headers = started[0]
    return WsgiAnswer(int(status.split()[0]), dict(response_headers), content)
