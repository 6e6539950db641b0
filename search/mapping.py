"""The Elasticsearch index: ES-core analysis only (the minimal distribution has no analysis-common),
names from ``settings.SEARCH_INDEX_PREFIX``, and the alias that rebuilds swap."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

# The standard tokenizer emits one token per Han character; a shingle of two joined with "" makes bigrams.
# Index unigrams + bigrams; search with bigrams only (the unigram for a one-character query), so
# "精密加工" needs 精密/密加/加工 (checked on the real node by tests/services/test_real_services.py).
SHINGLE = {"type": "shingle", "min_shingle_size": 2, "max_shingle_size": 2, "token_separator": ""}
CJK_ANALYSIS = {
    "filter": {
        "cjk_bigram_shingle": {**SHINGLE, "output_unigrams": True},
        "cjk_bigram_only": {**SHINGLE, "output_unigrams": False, "output_unigrams_if_no_shingles": True},
    },
    "analyzer": {
        name: {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", shingle]}
        for name, shingle in (("cjk_bigram", "cjk_bigram_shingle"), ("cjk_bigram_search", "cjk_bigram_only"))
    },
}
CJK_TEXT = {"type": "text", "analyzer": "cjk_bigram", "search_analyzer": "cjk_bigram_search"}
# jieba-segmented text (search.text.index_words), one word per whitespace-separated token
WORDS_TEXT = {"type": "text", "analyzer": "whitespace"}
TEXT_FIELDS = ("title", "summary", "body")

MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "kind": {"type": "keyword"},
        "object_id": {"type": "long"},
        "title": CJK_TEXT,
        "summary": CJK_TEXT,
        "body": CJK_TEXT,
        "tags": {**CJK_TEXT, "fields": {"raw": {"type": "keyword"}}},
        "studio": {**CJK_TEXT, "fields": {"raw": {"type": "keyword"}}},
        "url": {"type": "keyword", "index": False},
        "published_at": {"type": "date"},
        "words": {"properties": {field: WORDS_TEXT for field in TEXT_FIELDS}},
    },
}
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0, "analysis": CJK_ANALYSIS}


def alias_name() -> str:
    """The name every read and write goes through."""
    return f"{settings.SEARCH_INDEX_PREFIX}-documents"


def new_index_name() -> str:
    """A concrete index for a (re)build: the alias name and a timestamp."""
    return f"{alias_name()}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"
