"""Studio API: the public studio list and profiles, staff edits, and the 上线进网 report for union staff.

Permissions are the same rules as the pages: ``studios.manage_studio`` for edits, union staff and site
admins (scoped through ``studios_for_user`` → ``scope_for_user``) for the report.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.images import get_image_model

from accounts.rules import is_site_admin, is_union_staff
from studios.models import Studio
from studios.selectors import (
    campaign_for_year,
    onboarding_summary,
    studio_list,
    studio_onboarding,
    studios_for_user,
)
from studios.services import studio_update

from .serializers import (
    CARD_SPEC,
    OnboardingParamsSerializer,
    OnboardingReportSerializer,
    StudioDetailSerializer,
    StudioListParamsSerializer,
    StudioSerializer,
    StudioUpdateSerializer,
)

can_see_onboarding = is_site_admin | is_union_staff


def _with_page(queryset: QuerySet[Studio]) -> QuerySet[Studio]:
    """Join the studio's CMS page when the CMS is installed (studios does not import it)."""
    if any(rel.name == "page" for rel in Studio._meta.related_objects):
        return queryset.select_related("page")
    return queryset


class CanManageStudio(permissions.BasePermission):
    message = _("您无权修改该工作室：只有管辖该工作室的工会干部和平台管理员可以修改。")

    def has_object_permission(self, request: Request, view: Any, obj: Studio) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.user.has_perm("studios.manage_studio", obj)


class CanSeeOnboarding(permissions.BasePermission):
    message = _("只有工会干部和平台管理员可以查看上线进网情况。")

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(can_see_onboarding.test(request.user))


@extend_schema_view(
    list=extend_schema(
        summary=_("工作室列表"),
        description=_("全部创新工作室，可按行业、级别、组织（含下级）和关键词筛选，分页返回。"),
        parameters=[StudioListParamsSerializer],
    ),
    retrieve=extend_schema(
        summary=_("工作室详情"), description=_("工作室档案、成员、照片以及当前用户对它的权限。")
    ),
    partial_update=extend_schema(
        summary=_("修改工作室档案"),
        description=_("管辖该工作室的工会干部和平台管理员可以修改；其他用户返回 403。只提交要修改的字段。"),
        request=StudioUpdateSerializer,
        responses={200: StudioDetailSerializer, 403: OpenApiResponse(description=_("无权修改该工作室"))},
    ),
)
class StudioViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"
    permission_classes = [permissions.IsAuthenticated, CanManageStudio]
    queryset = Studio.objects.all()

    def get_serializer_class(self) -> type[StudioSerializer]:
        return StudioSerializer if self.action == "list" else StudioDetailSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["campaign"] = campaign_for_year()
        return context

    def get_queryset(self) -> QuerySet[Studio]:
        if self.action == "list":
            params = StudioListParamsSerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            data = params.validated_data
            organisation = data.get("organisation")
            qs = studio_list(
                industry=data.get("industry", ""),
                level=data.get("level", ""),
                organisation_path=organisation.path if organisation is not None else "",
                q=data.get("q", "").strip(),
            )
            covers = get_image_model().objects.prefetch_renditions(CARD_SPEC)
            qs = qs.prefetch_related(Prefetch("cover", queryset=covers))
        else:
            qs = Studio.objects.select_related("lead", "organisation", "cover").order_by("name")
        return _with_page(qs)

    def partial_update(self, request: Request, slug: str) -> Response:
        studio = self.get_object()
        params = StudioUpdateSerializer(data=request.data, partial=True, context={"request": request})
        params.is_valid(raise_exception=True)
        studio = studio_update(studio=studio, **params.validated_data)
        return Response(self.get_serializer(studio).data)

    @extend_schema(
        summary=_("上线进网情况"),
        description=_("工会干部看到管辖范围内工作室的上线进网状态；平台管理员看到全部。其他用户返回 403。"),
        parameters=[OnboardingParamsSerializer],
        responses={200: OnboardingReportSerializer, 403: OpenApiResponse(description=_("不是工会干部"))},
    )
    @action(detail=False, methods=["get"], permission_classes=[permissions.IsAuthenticated, CanSeeOnboarding])
    def onboarding(self, request: Request) -> Response:
        params = OnboardingParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = campaign_for_year(year=params.validated_data.get("year"))
        studios = studios_for_user(user=request.user).order_by("organisation__path", "name")
        summary = onboarding_summary(studios=studios, campaign=campaign)
        rows = [studio_onboarding(studio=studio, campaign=campaign) for studio in studios]
        wanted = params.validated_data.get("status")
        if wanted:
            rows = [row for row in rows if row.status == wanted]
        page = self.paginate_queryset(rows)
        paginator: Any = self.paginator
        report = {
            "campaign": campaign,
            "summary": summary,
            "total": sum(summary.values()),
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": page,
        }
        return Response(OnboardingReportSerializer(report).data)
