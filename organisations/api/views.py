"""Organisation API: the public union tree for any signed-in user, and the subtree a staff member manages."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from organisations.models import Organisation
from organisations.selectors import organisations_for_user

from .serializers import OrganisationListParamsSerializer, OrganisationSerializer


@extend_schema_view(
    list=extend_schema(
        summary=_("组织列表"),
        description=_("工会组织树，按树的顺序排列；可按类型、上级组织和名称筛选。"),
        parameters=[OrganisationListParamsSerializer],
    ),
    retrieve=extend_schema(summary=_("组织详情"), description=_("按组织代码查看一个组织及其上级。")),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The organisation tree is public to every signed-in user; nodes are addressed by their code."""

    serializer_class = OrganisationSerializer
    lookup_field = "code"
    lookup_value_regex = r"[-\w]+"
    queryset = Organisation.objects.order_by("path")

    def get_queryset(self) -> QuerySet[Organisation]:
        qs = Organisation.objects.order_by("path")
        if self.action != "list":
            return qs
        params = OrganisationListParamsSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        parent: Organisation | None = data.get("parent")
        if parent is not None:
            qs = qs.filter(path__startswith=parent.path, depth=parent.depth + 1)
        if data.get("q"):
            qs = qs.filter(Q(name__icontains=data["q"]) | Q(short_name__icontains=data["q"]))
        return qs

    def _page(self, queryset: QuerySet[Organisation]) -> Response:
        page = self.paginate_queryset(queryset)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        summary=_("直接下级组织"),
        description=_("该组织的直接下级，按名称排列。"),
        responses=OrganisationSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def children(self, request: Request, code: str) -> Response:
        organisation = self.get_object()
        return self._page(organisation.get_children().order_by("path"))

    @extend_schema(
        summary=_("我管理的组织"),
        description=_("工会干部管理的本级及全部下级组织；平台管理员为全部组织；其他用户为空列表。"),
        responses=OrganisationSerializer(many=True),
    )
    @action(detail=False, methods=["get"])
    def managed(self, request: Request) -> Response:
        return self._page(organisations_for_user(user=request.user).order_by("path"))
