"""Smoke tests: every real service the suite relies on answers, with no mocks.

A missing service or environment variable FAILS these tests (it never skips them).
Start everything with `scripts/test.sh`, or by hand:

    scripts/services.sh install && scripts/services.sh up && eval "$(scripts/services.sh env)"
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
import uuid

import pytest

from search.mapping import CJK_ANALYSIS, CJK_TEXT

HINT = 'run scripts/test.sh, or: scripts/services.sh up && eval "$(scripts/services.sh env)"'


def require_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        pytest.fail(f"environment variable {name} is not set ({HINT})", pytrace=False)
    return value


def require_executable(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is not on PATH (run scripts/services.sh install)", pytrace=False)
    return path


# --------------------------------------------------------------------------- PostgreSQL
@pytest.mark.django_db
def test_postgresql_answers() -> None:
    from django.db import connection

    require_env("DATABASE_URL")
    assert connection.vendor == "postgresql", f"tests must run on PostgreSQL, got {connection.vendor!r}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert version.startswith("PostgreSQL"), version


# --------------------------------------------------------------------------- Redis
def test_redis_round_trip() -> None:
    import redis

    url = require_env("REDIS_URL")
    client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
    key = f"jianglian:smoke:{uuid.uuid4().hex}"
    value = "匠联学堂·劳模工匠创新工作室"
    try:
        assert client.set(key, value, ex=60)
        assert client.get(key).decode("utf-8") == value
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis at {url} is not reachable: {exc} ({HINT})", pytrace=False)
    finally:
        try:
            client.delete(key)
        except redis.ConnectionError:
            pass
        client.close()


# --------------------------------------------------------------------------- Elasticsearch
# The product's analysis (search/mapping.py: ES core only, CJK bigrams from the standard tokenizer + shingle),
# checked on the real node.
TITLE_MAPPING = CJK_TEXT
DOCS = {"1": "数控机床精密加工技术讲座", "2": "焊接工艺创新工作室", "3": "电力巡检无人机应用"}


@pytest.fixture
def es_index():
    """Creates throwaway indices on demand (inside the test, so failures FAIL); deletes them in teardown."""
    from elasticsearch import Elasticsearch, TransportError

    created = []

    def create(url: str, **body):
        client = Elasticsearch(url, request_timeout=30)
        name = f"jianglian-smoke-{uuid.uuid4().hex[:12]}"
        created.append((client, name))
        # Not client.info()/ping(): the integ-test-zip has no rest-root module, so GET / answers 405.
        client.cluster.health(wait_for_status="yellow", timeout="30s")
        client.indices.create(index=name, **body)
        return client, name

    yield create
    for client, name in created:
        try:
            client.options(ignore_status=404).indices.delete(index=name)
        except TransportError:
            pass  # unreachable server: the test has already failed
        client.close()


def test_elasticsearch_cjk_bigram_search(es_index) -> None:
    from elasticsearch import ApiError, TransportError

    url = require_env("ELASTICSEARCH_URL")
    try:
        client, index = es_index(
            url,
            settings={"number_of_shards": 1, "number_of_replicas": 0, "analysis": CJK_ANALYSIS},
            mappings={"properties": {"title": TITLE_MAPPING}},
        )
    except (ApiError, TransportError) as exc:
        pytest.fail(f"Elasticsearch at {url} is not usable: {exc!r} ({HINT})", pytrace=False)
    for doc_id, title in DOCS.items():
        client.index(index=index, id=doc_id, document={"title": title})
    client.indices.refresh(index=index)

    def ids(text: str) -> list[str]:
        query = {"match": {"title": {"query": text, "operator": "and"}}}
        return sorted(hit["_id"] for hit in client.search(index=index, query=query)["hits"]["hits"])

    tokens = client.indices.analyze(index=index, analyzer="cjk_bigram_search", text="精密加工")["tokens"]
    assert [t["token"] for t in tokens] == ["精密", "密加", "加工"]
    assert ids("精密加工") == ["1"]
    assert ids("焊接") == ["2"]
    assert ids("焊") == ["2"]  # single-character queries still work
    assert ids("加工焊接") == []


# --------------------------------------------------------------------------- ffmpeg
FFMPEG_ARGS = (
    "-hide_banner -loglevel error -nostdin -y -f lavfi -i testsrc=duration=1:size=320x240:rate=10"
    " -f lavfi -i sine=duration=1 -pix_fmt yuv420p -shortest"
).split()


def test_ffmpeg_encodes_and_ffprobe_reads(tmp_path) -> None:
    ffmpeg, ffprobe = require_executable("ffmpeg"), require_executable("ffprobe")
    out = tmp_path / "smoke.mp4"
    cmd = [ffmpeg, *FFMPEG_ARGS, str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    probe = subprocess.run(
        [ffprobe, "-v", "error", "-print_format", "json", "-show_streams", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    streams = json.loads(probe.stdout)["streams"]
    video = [s for s in streams if s["codec_type"] == "video"]
    assert video, streams
    assert (video[0]["width"], video[0]["height"]) == (320, 240)
    assert any(s["codec_type"] == "audio" for s in streams), streams


# --------------------------------------------------------------------------- Chromium
# As root Chromium needs --no-sandbox; the networking flags stop it calling home on a closed network.
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking"
    " --disable-component-update --disable-sync --no-first-run"
).split()


def test_chromium_headless_renders_cjk(tmp_path) -> None:
    chromium = "/usr/bin/chromium"
    if not os.access(chromium, os.X_OK):
        pytest.fail(f"{chromium} is missing (run scripts/services.sh install)", pytrace=False)
    url = "data:text/html;charset=utf-8," + urllib.parse.quote("<p>中</p>")
    cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<p>中</p>" in proc.stdout, proc.stdout
