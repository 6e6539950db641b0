"""heartbeat_parse (the heartbeat's fast reading) gives exactly HeartbeatSerializer's answer, or leaves it to it."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from learning.api.serializers import HeartbeatSerializer, heartbeat_parse

from .test_heartbeat_batch import BAD

BASE = {
    "id": "0f8fad5b-d9cb-469f-a165-70867728950e", "lesson": 12, "sent_at": "2026-03-01T08:00:10+00:00",
    "intervals": [[0, 10.5]], "position": 10.5, "rate": 1.0, "visibility": "visible", "device": "phone-1",
}  # fmt: skip

VALID = [
    {},
    {"id": "0F8FAD5BD9CB469FA16570867728950E"},  # any spelling uuid.UUID reads
    {"sent_at": "2026-03-01T16:00:10+08:00"},
    {"sent_at": "2026-03-01T08:00:10.123456Z"},
    {"sent_at": "2026-03-01 08:00:10"},  # no zone: the site's time zone, as the serializer does
    {"intervals": []},
    {"intervals": [[0, 10], [20, 30.25], [30.25, 30.25]]},
    {"position": 0, "rate": 2},
    {"rate": 0.0625},
    {"rate": 16},
    {"visibility": "hidden"},
    {"device": "  平板 "},
    {"device": ""},
]
VALID_WITHOUT_DEVICE = {k: v for k, v in BASE.items() if k != "device"}

LEFT_TO_THE_SERIALIZER = [
    {"lesson": "12"}, {"lesson": 12.0}, {"lesson": True}, {"lesson": 0}, {"position": "10.5"}, {"rate": True},
    {"rate": 32}, {"intervals": [[0, "10"]]}, {"intervals": [(0, 10)]}, {"intervals": [[0, 10]] * 51},
    {"intervals": [[0, 90000]]}, {"visibility": "Visible"}, {"device": None}, {"device": "x" * 65},
    {"device": "tab\there"}, {"id": 5}, {"sent_at": "2026-02-30T00:00:00Z"}, {"sent_at": 1700000000},
]


def serializer_answer(payload: dict):  # type: ignore[no-untyped-def]
    serializer = HeartbeatSerializer(data=copy.deepcopy(payload))
    return serializer.to_heartbeat() if serializer.is_valid() else None


@pytest.mark.parametrize("change", VALID)
def test_well_formed_heartbeats_are_read_as_the_serializer_reads_them(change):  # type: ignore[no-untyped-def]
    payload = {**BASE, **change}
    fast = heartbeat_parse(payload)
    assert fast is not None
    assert fast == serializer_answer(payload)
    assert isinstance(fast.sent_at, dt.datetime) and fast.sent_at.tzinfo is not None


def test_a_heartbeat_without_device_reads_as_blank():  # type: ignore[no-untyped-def]
    assert heartbeat_parse(VALID_WITHOUT_DEVICE) == serializer_answer(VALID_WITHOUT_DEVICE)


@pytest.mark.parametrize("change", LEFT_TO_THE_SERIALIZER + [change for change, _field in BAD])
def test_anything_else_is_left_to_the_serializer(change):  # type: ignore[no-untyped-def]
    assert heartbeat_parse({**BASE, **change}) is None


@pytest.mark.parametrize("missing", sorted(set(BASE) - {"device"}))
def test_a_missing_field_is_left_to_the_serializer(missing):  # type: ignore[no-untyped-def]
    assert heartbeat_parse({k: v for k, v in BASE.items() if k != missing}) is None


def test_not_a_json_object_is_left_to_the_serializer():  # type: ignore[no-untyped-def]
    assert heartbeat_parse([BASE]) is None and heartbeat_parse("x") is None

