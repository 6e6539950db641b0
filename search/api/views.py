"""/api/v1/search/: the site search for the mobile app (public content only, so anyone may call it)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..selectors import search_kind_counts, search_run
from .serializers import SearchParamsSerializer, SearchResultSerializer


class SearchView(APIView):
    permission_classes = [permissions.AllowAny]  # the index holds only published, unrestricted pages

    @extend_schema(
        summary=_("站内搜索"),
        description=_("按中文关键词搜索课程、课时、讲座与沙龙和工作室（标题、简介、正文和视频字幕）。"),
        parameters=[SearchParamsSerializer],
        responses={200: SearchResultSerializer, 400: OpenApiResponse(description=_("关键词为空或太长。"))},
    )
    def get(self, request: Request) -> Response:
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        kind = (data.get("kind") or "").strip()
        result = search_run(query=data["q"], kinds=[kind] if kind else None, page=data["page"])
        body = {
            "query": result.query,
            "total": result.total,
            "page": result.page,
            "num_pages": result.num_pages,
            "kinds": [{"kind": kind, "label": label, "count": count}
                      for kind, label, count in search_kind_counts(result=result)],
            "results": [hit.__dict__ for hit in result.hits],
        }
        return Response(SearchResultSerializer(body).data)
