"""Search in Elasticsearch 8 through one alias; a rebuild fills a new index and swaps the alias."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from elasticsearch import BadRequestError, Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk
from elasticsearch_dsl import Q, Search

from ..mapping import INDEX_SETTINGS, MAPPINGS, alias_name, new_index_name
from ..registry import SearchDocument
from ..text import MARK_CLOSE, MARK_OPEN, SNIPPET_LENGTH, index_words, snippet
from .base import PER_PAGE, Progress, SearchHit, SearchPage

FIELDS = ["title^3", "summary^1.5", "body", "tags^2", "studio"]
WORD_FIELDS = ["words.title^3", "words.summary^1.5", "words.body"]
HIGHLIGHT = {"pre_tags": [MARK_OPEN], "post_tags": [MARK_CLOSE], "encoder": "html"}
BATCH = 500


def _source(document: SearchDocument) -> dict[str, Any]:
    source = document.as_dict()
    source["words"] = {field: index_words(source[field]) for field in ("title", "summary", "body")}
    return source


@cache
def _client(url: str) -> Elasticsearch:
    """One client (and its pool of kept-alive connections) per cluster and process; it is thread-safe."""
    return Elasticsearch(url, request_timeout=30)


class ElasticsearchBackend:
    def __init__(self, *, url: str) -> None:
        self.client = _client(url)
        self.alias = alias_name()

    # --- writes ------------------------------------------------------------------------------------
    def _create_index(self, name: str | None = None) -> str:
        name = name or new_index_name()
        self.client.indices.create(index=name, settings=INDEX_SETTINGS, mappings=MAPPINGS)
        return name

    def _ensure_alias(self) -> None:
        """The first write creates the index. Concurrent first writes (several workers) agree on one
        name: the losers' "already exists" is ignored and putting the alias again changes nothing."""
        if self.client.indices.exists_alias(name=self.alias):
            return
        name = f"{self.alias}-initial"
        try:
            self._create_index(name)
        except BadRequestError as error:
            if error.error != "resource_already_exists_exception":
                raise
        self.client.indices.put_alias(index=name, name=self.alias, is_write_index=True)

    def _actions(self, documents: Iterable[SearchDocument], index: str) -> Iterator[dict[str, Any]]:
        for document in documents:
            yield {"_op_type": "index", "_index": index, "_id": document.key, "_source": _source(document)}

    def index(self, documents: Sequence[SearchDocument]) -> None:
        if not documents:
            return
        self._ensure_alias()
        bulk(self.client, self._actions(documents, self.alias), refresh="wait_for")

    def remove(self, *, kind: str, ids: Sequence[int]) -> None:
        if not ids or not self.client.indices.exists_alias(name=self.alias):
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": f"{kind}-{pk}"} for pk in ids)
        bulk(self.client, actions, refresh="wait_for", raise_on_error=False)  # missing ids: 404s, ignored

    def rebuild(self, documents: Iterable[SearchDocument], *, progress: Progress | None = None) -> int:
        """Fill a new index while the alias keeps serving the old one, then swap the alias in one call
        and delete the old indexes."""
        name = self._create_index()
        done, batch = 0, []
        try:
            for document in documents:
                batch.append(document)
                if len(batch) >= BATCH:
                    bulk(self.client, self._actions(batch, name))
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done, None)
            bulk(self.client, self._actions(batch, name))
            done += len(batch)
            self.client.indices.refresh(index=name)
            if progress:
                progress(done, done)  # written; the alias still serves the old index
        except Exception:
            self.client.options(ignore_status=404).indices.delete(index=name)
            raise
        old = list(self.client.indices.get_alias(name=self.alias)) if self.client.indices.exists_alias(name=self.alias) else []
        actions: list[dict[str, Any]] = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias, "is_write_index": True}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.options(ignore_status=404).indices.delete(index=index)
        return done

    # --- reads -------------------------------------------------------------------------------------
    def _search(self, text: str, operator: str) -> Search:
        words = index_words(text)
        if operator == "and":  # every space-separated part must match (bigrams never span the space)
            must = [Q("multi_match", query=part, fields=FIELDS, type="cross_fields", operator="and")
                    for part in text.split()]
        else:
            must = [Q("multi_match", query=text, fields=FIELDS, type="cross_fields", operator="or")]
        should = [Q("multi_match", query=words, fields=WORD_FIELDS, operator="or")] if words else []
        search = Search(using=self.client, index=self.alias).query(Q("bool", must=must, should=should))
        search = search.highlight_options(**HIGHLIGHT)
        search = search.highlight("title", number_of_fragments=0)
        search = search.highlight("summary", "body", fragment_size=SNIPPET_LENGTH, number_of_fragments=1)
        search.aggs.bucket("kinds", "terms", field="kind", size=50)
        return search

    def query(self, *, text: str, kinds: Sequence[str] | None, page: int, per_page: int = PER_PAGE) -> SearchPage:
        try:
            response = self._run(text, kinds, page, per_page, "and")
            if response.hits.total.value == 0 and not response.aggregations.kinds.buckets:
                response = self._run(text, kinds, page, per_page, "or")  # no document has every word
        except NotFoundError:  # nothing indexed yet
            return SearchPage(query=text, hits=[], total=0, page=page, per_page=per_page)
        counts = {bucket.key: bucket.doc_count for bucket in response.aggregations.kinds.buckets}
        hits = [self._hit(hit) for hit in response.hits]
        return SearchPage(
            query=text, hits=hits, total=response.hits.total.value, page=page, per_page=per_page, kind_counts=counts
        )

    def _run(self, text: str, kinds: Sequence[str] | None, page: int, per_page: int, operator: str) -> Any:
        search = self._search(text, operator)
        if kinds:
            search = search.post_filter("terms", kind=list(kinds))  # the kinds facet still counts every kind
        start = (page - 1) * per_page
        return search.extra(track_total_hits=True)[start:start + per_page].execute()

    @staticmethod
    def _hit(hit: Any) -> SearchHit:
        highlights = hit.meta.to_dict().get("highlight", {})
        title = highlights.get("title", [escape(hit.title)])[0]
        fragment = (highlights.get("summary") or highlights.get("body") or [""])[0]
        published = getattr(hit, "published_at", None)
        return SearchHit(
            kind=hit.kind,
            object_id=int(hit.object_id),
            url=hit.url,
            title=hit.title,
            title_html=title,
            snippet_html=fragment or snippet((getattr(hit, "summary", ""),), ()),
            studio=getattr(hit, "studio", "") or "",
            published_at=parse_datetime(published) if isinstance(published, str) else published,
        )
