"""/search/: the site's search page (public content only, for everyone)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from config.errors import ApplicationError

from .selectors import search_kind_counts, search_kinds, search_run
from .text import QUERY_MAX_LENGTH


def _page_number(raw: str | None) -> int:
    try:
        return int(raw or 1)
    except ValueError:
        return 1


def search_page(request: HttpRequest) -> HttpResponse:
    """Anyone may search: the index holds only published pages without view restrictions."""
    raw = request.GET.get("q", "")
    kind = request.GET.get("kind", "").strip()
    kinds = search_kinds()
    if kind not in {value for value, _label in kinds}:
        kind = ""
    context: dict = {"query": raw[: QUERY_MAX_LENGTH * 2], "kind": kind, "kinds": kinds, "results": None,
                     "error": "", "max_length": QUERY_MAX_LENGTH}
    if "q" in request.GET:
        try:
            results = search_run(query=raw, kinds=[kind] if kind else None, page=_page_number(request.GET.get("page")))
        except ApplicationError as error:
            context["error"] = error.message
        else:
            labels = dict(kinds)
            context.update(
                results=results,
                chips=search_kind_counts(result=results),
                total_all=sum(results.kind_counts.values()),
                hits=[(hit, labels.get(hit.kind, hit.kind)) for hit in results.hits],
            )
    return render(request, "search/search_page.html", context)
