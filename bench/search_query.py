"""Site search on Elasticsearch: one query page (bigram multi_match + jieba words + highlight + kinds
aggregation) vs a plain ``match_all`` page of the same index, measured in the same run.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search_query.py [--docs 5000] [--runs 50]

Builds a throw-away index behind its own alias (prefix ``bench-search-<random>``, deleted afterwards) from
``--docs`` synthetic Chinese documents (titles, summaries and 600-character bodies made of trade vocabulary)
through ``ElasticsearchBackend.rebuild``, prints the rebuild rate, then for a few queries the median and p95
of ``--runs`` calls of ``ElasticsearchBackend.query`` (what /search/ costs besides rendering), next to the
``match_all`` baseline. No database is needed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

WORDS = ("数控", "车床", "精密", "加工", "焊接", "工艺", "质量", "控制", "安全", "生产", "班组", "管理", "带电",
         "作业", "电力", "线路", "检修", "工匠", "精神", "创新", "刀具", "主轴", "转速", "切削", "变形", "预热")
STUDIOS = ("王建军数控工作室", "李秀梅护理工作室", "刘建华电力工作室")
QUERIES = ("数控", "焊", "精密加工", "安全 管理", "主轴转速", "量子计算")


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n // 2))


def _timed(call, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        sys.exit("set ELASTICSEARCH_URL (eval \"$(scripts/services.sh env)\")")
    os.environ["SEARCH_INDEX_PREFIX"] = f"bench-search-{uuid.uuid4().hex[:8]}"

    import django

    django.setup()
    from search.backends.elastic import ElasticsearchBackend
    from search.registry import SearchDocument

    rng = random.Random(7)
    kinds = ("course", "lesson", "recording")
    documents = [
        SearchDocument(kind=kinds[i % 3], object_id=i, title=_text(rng, 12), url=f"/p/{i}/",
                       summary=_text(rng, 60), body=_text(rng, 600), studio=rng.choice(STUDIOS))
        for i in range(args.docs)
    ]
    backend = ElasticsearchBackend(url=url)
    try:
        start = time.perf_counter()
        backend.rebuild(documents)
        seconds = time.perf_counter() - start
        print(f"rebuild: {args.docs} documents in {seconds:.1f} s ({args.docs / seconds:.0f} docs/s, jieba words included)")
        backend.query(text="数控", kinds=None, page=1)  # warm-up
        median, p95 = _timed(lambda: backend.client.search(index=backend.alias, query={"match_all": {}}, size=10), args.runs)
        print(f"baseline match_all page:          median {median:6.1f} ms   p95 {p95:6.1f} ms")
        for query in QUERIES:
            page = backend.query(text=query, kinds=None, page=1)
            median, p95 = _timed(lambda q=query: backend.query(text=q, kinds=None, page=1), args.runs)
            print(f"query {query!r:<14} {page.total:>6} hits   median {median:6.1f} ms   p95 {p95:6.1f} ms")
    finally:
        for name in backend.client.indices.get(index=f"{backend.alias}-*", ignore_unavailable=True, allow_no_indices=True):
            backend.client.options(ignore_status=404).indices.delete(index=name)
        backend.client.close()


if __name__ == "__main__":
    main()
