"""The web client's interval arithmetic (learning/static/learning/heartbeat.js), run in the real Node.js."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parents[2] / "learning" / "static" / "learning" / "heartbeat.js"


def delta(current: list[list[float]], previous: list[list[float]]) -> list[list[float]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed (bootstrap installs the front-end libraries with npm)", pytrace=False)
    script = (
        f"import {{ rangesDelta }} from {json.dumps(MODULE.as_uri())};"
        f"console.log(JSON.stringify(rangesDelta({json.dumps(current)}, {json.dumps(previous)})));"
    )
    out = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(out.stdout)


def test_new_playback_after_the_last_heartbeat() -> None:
    assert delta([[0, 20]], [[0, 10]]) == [[10, 20]]


def test_a_seek_leaves_a_gap_that_is_not_reported() -> None:
    # played 0–10, seeked to 95 and played to 100: only the new piece counts, the gap never does
    assert delta([[0, 10], [95, 100]], [[0, 10]]) == [[95, 100]]


def test_replaying_an_old_part_reports_nothing_new() -> None:
    assert delta([[0, 30]], [[0, 30]]) == []


def test_ranges_merged_by_the_browser_are_split_correctly() -> None:
    # the browser merged 0–10 and 20–30 once 10–20 was played
    assert delta([[0, 30]], [[0, 10], [20, 30]]) == [[10, 20]]


def test_tiny_slivers_are_ignored() -> None:
    assert delta([[0, 10.01]], [[0, 10]]) == []
