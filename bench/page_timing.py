"""Shared by the page benches: the median time of a page through Django's test client, and its query count."""

from __future__ import annotations

import statistics
import time
from typing import Any


def page_timing(client: Any, url: str, *, requests: int) -> dict[str, float]:
    """{"median_ms": median of ``requests`` timed GETs after one warm-up, "queries": SQL statements of one GET}."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url  # warm: renditions, caches, connection
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {"median_ms": statistics.median(times) * 1000, "queries": len(queries)}
