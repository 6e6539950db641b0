"""The heartbeat rule, batch and ledger tests again, through the ORM store (learning/services/
heartbeat_store_orm.py) — what the embedded ``make demo`` setup on SQLite uses — here on PostgreSQL."""

from __future__ import annotations

import pytest

from learning.services import heartbeat
from tests.learning import test_completion, test_heartbeat_batch, test_heartbeat_rules, test_ledger
from tests.learning.test_completion import pdf_document  # noqa: F401  (a fixture of the tests taken from there)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def orm_store(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(heartbeat, "PORTABLE_STORE", True)


for _module in (test_heartbeat_rules, test_heartbeat_batch, test_ledger, test_completion):
    for _name, _test in vars(_module).items():
        if _name.startswith("test_") and callable(_test):
            globals()[f"{_name}__{_module.__name__.rsplit('.', 1)[-1]}"] = _test
