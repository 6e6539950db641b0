"""config/wsgi_lane.py: what the lane answers carries Django's headers; everything else — and anything the lane
declines or fails at — reaches Django unchanged (real Django handler, a stand-in answer)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import structlog
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings

from config.wsgi_lane import MAX_BODY, WsgiLane
from tests.wsgi_client import wsgi_post

PATH = "/api/v1/learning/heartbeats/"
URL_NAME = "v1:learning-heartbeat"
LANE_ONLY = {"Content-Length"}  # Django's 401 below has its own length
DJANGO_ONLY = {"Content-Length", "Vary", "Allow", "WWW-Authenticate", "Content-Language"}  # DRF's and the locale's
pytestmark = pytest.mark.django_db


def answer(request: Any) -> bytes | None:
    """Answers requests that ask for the lane; raises when told to."""
    if request.META.get("HTTP_X_LANE") == "fail":
        raise RuntimeError("the answer failed")
    return b'{"lane":true}' if request.META.get("HTTP_X_LANE") == "yes" else None


class Recorder:
    """An inner application that records what reached it, and answers with the body it read."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.bodies.append(environ["wsgi.input"].read(length))
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return [self.bodies[-1]]


def test_an_answer_carries_the_headers_djangos_middleware_gives_the_same_path():
    lane = WsgiLane(WSGIHandler(), url_name=URL_NAME, answer=answer)
    answered = wsgi_post(lane, PATH, {"a": 1}, HTTP_X_LANE="yes")
    by_django = wsgi_post(lane, PATH, {"a": 1})  # declined: the DRF view says who is asking (401)
    assert answered.status == 200 and answered.json() == {"lane": True}
    assert answered.headers["Content-Type"] == "application/json" and answered.headers["Vary"] == "Accept"
    assert answered.headers["Content-Length"] == str(len(answered.body))
    assert by_django.status == 401
    expected = {name: value for name, value in by_django.headers.items() if name not in DJANGO_ONLY}
    got = {name: value for name, value in answered.headers.items() if name not in LANE_ONLY}
    missing = {name for name in expected if name not in got}
    assert not missing, f"Django adds headers the lane does not: {missing} (teach config/wsgi_lane.py)"
    assert {name: got[name] for name in expected} == expected
    assert answered.headers["X-Content-Type-Options"] == "nosniff" and "X-Frame-Options" in answered.headers


@override_settings(SECURE_HSTS_SECONDS=3600, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_a_secure_request_gets_hsts_as_from_django():
    lane = WsgiLane(WSGIHandler(), url_name=URL_NAME, answer=answer)
    plain = wsgi_post(lane, PATH, {}, HTTP_X_LANE="yes")
    secure = wsgi_post(lane, PATH, {}, HTTP_X_LANE="yes", HTTP_X_FORWARDED_PROTO="https")
    by_django = wsgi_post(lane, PATH, {}, HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" not in plain.headers
    assert secure.headers["Strict-Transport-Security"] == by_django.headers["Strict-Transport-Security"] == "max-age=3600"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_goes_to_django_for_its_redirect():
    lane = WsgiLane(WSGIHandler(), url_name=URL_NAME, answer=answer)
    response = wsgi_post(lane, PATH, {}, HTTP_X_LANE="yes")
    assert response.status == 301 and response.headers["Location"].startswith("https://")


@override_settings(ALLOWED_HOSTS=["jianglian.example.cn"])
def test_an_unknown_host_goes_to_django_and_gets_400():
    lane = WsgiLane(WSGIHandler(), url_name=URL_NAME, answer=answer)
    assert wsgi_post(lane, PATH, {}, HTTP_X_LANE="yes", HTTP_HOST="jianglian.example.cn").status == 200
    assert wsgi_post(lane, PATH, {}, HTTP_X_LANE="yes", HTTP_HOST="evil.example.com").status == 400


def test_declined_other_and_oversized_requests_reach_the_inner_application_with_their_body():
    inner = Recorder()
    lane = WsgiLane(inner, url_name=URL_NAME, answer=answer)
    big = b'{"pad": "' + b"x" * MAX_BODY + b'"}'
    assert wsgi_post(lane, PATH, {"declined": 1}).body == b'{"declined": 1}'
    assert wsgi_post(lane, "/api/v1/learning/heartbeats/batch/", {"other": 1}, HTTP_X_LANE="yes").body == b'{"other": 1}'
    assert wsgi_post(lane, PATH, body=big, HTTP_X_LANE="yes").body == big
    assert inner.bodies == [b'{"declined": 1}', b'{"other": 1}', big]


def test_a_lane_whose_url_is_not_in_the_url_conf_takes_nothing():
    inner = Recorder()
    lane = WsgiLane(inner, url_name="v1:no-such-endpoint", answer=answer)
    assert wsgi_post(lane, PATH, {"n": 2}, HTTP_X_LANE="yes").body == b'{"n": 2}' and lane.path is None


def test_a_failing_answer_is_logged_and_django_answers(caplog):  # type: ignore[no-untyped-def]
    inner = Recorder()
    lane = WsgiLane(inner, url_name=URL_NAME, answer=answer)
    with caplog.at_level(logging.WARNING, logger="config.wsgi_lane"):
        response = wsgi_post(lane, PATH, {"n": 1}, HTTP_X_LANE="fail")
    assert response.status == 200 and response.body == b'{"n": 1}' and len(inner.bodies) == 1
    assert any(record.getMessage() == "wsgi_lane_failed" and record.exc_info for record in caplog.records)


def test_an_answered_request_sends_the_request_signals_once():
    sent: list[str] = []

    def started(**kwargs: Any) -> None:
        sent.append("started")

    def finished(**kwargs: Any) -> None:
        sent.append("finished")

    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    try:
        wsgi_post(WsgiLane(Recorder(), url_name=URL_NAME, answer=answer), PATH, {}, HTTP_X_LANE="yes")
    finally:
        signals.request_started.disconnect(started)
        signals.request_finished.disconnect(finished)
    assert sent == ["started", "finished"]


def test_the_request_log_has_djangos_lines_for_answered_requests_only():
    lane = WsgiLane(WSGIHandler(), url_name=URL_NAME, answer=answer)
    with structlog.testing.capture_logs() as answered_logs:
        wsgi_post(lane, PATH, {}, HTTP_X_LANE="yes", HTTP_X_REQUEST_ID="req-1")
    with structlog.testing.capture_logs() as declined_logs:
        wsgi_post(lane, PATH, {}, HTTP_X_REQUEST_ID="req-2")
    events = [(entry["event"], entry.get("code")) for entry in answered_logs]
    assert events == [("request_started", None), ("request_finished", 200)]
    assert answered_logs[1]["request"] == f"POST {PATH}"
    assert [entry["event"] for entry in declined_logs].count("request_started") == 1  # Django's only
    structlog.contextvars.clear_contextvars()
