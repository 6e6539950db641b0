"""Reports API: the same figures, filters and scope as the 学习报表 pages, for union staff and site admins."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User

from ..forms import ReportFilterForm
from ..rules import can_view_reports
from ..selectors import (
    ReportFilters,
    assignment_people_pending,
    learners_report,
    overview_report,
    required_assignment_get,
    required_report,
)
from .serializers import LearnerSerializer, OverviewSerializer, PendingPersonSerializer, RequiredSerializer

PERIOD_PARAMETERS = [
    OpenApiParameter("start", OpenApiTypes.DATE, description=_("统计期间第一天，默认今年 1 月 1 日（北京时间）。")),
    OpenApiParameter("end", OpenApiTypes.DATE, description=_("统计期间最后一天，默认今年 12 月 31 日。")),
    OpenApiParameter("course", OpenApiTypes.INT, description=_("只统计这门课程（课程编号）。")),
    OpenApiParameter("unit", OpenApiTypes.INT, description=_("只统计这个单位及其下级（组织编号，须在管辖范围内）。")),
]
SEARCH_PARAMETER = OpenApiParameter("q", OpenApiTypes.STR, description=_("按姓名、用户名、工号或手机号搜索。"))


class CanViewReports(permissions.BasePermission):
    message = _("只有工会干部和平台管理员可以查看学习报表。")

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(can_view_reports.test(request.user))


class ReportAPIMixin:
    permission_classes = [permissions.IsAuthenticated, CanViewReports]

    def report_filters(self) -> ReportFilters:
        request: Request = self.request  # type: ignore[attr-defined]
        form = ReportFilterForm(request.query_params, staff=request.user)
        if not form.is_valid():
            if form.unit_not_found:
                raise NotFound(form.errors["unit"][0])
            raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
        return form.filters()


def _period(filters: ReportFilters) -> dict[str, Any]:
    return {"start": filters.start, "end": filters.end}


class OverviewView(ReportAPIMixin, APIView):
    @extend_schema(
        summary=_("学习概况（按单位）"),
        description=_("报表单位（默认本人所在组织）的各直接下级单位的人数、报名、完成、完成率、学时和积分，"
                      "每个单位含其全部下级；用 unit 参数逐级查看。"),
        parameters=PERIOD_PARAMETERS,
        responses=OverviewSerializer,
    )
    def get(self, request: Request) -> Response:
        filters = self.report_filters()
        report = overview_report(filters=filters)
        data = {"period": _period(filters), "unit": report.node, "course": filters.course,
                "rows": report.rows, "total": report.total}
        return Response(OverviewSerializer(data).data)


class RequiredView(ReportAPIMixin, APIView):
    @extend_schema(
        summary=_("必修课完成情况"),
        description=_("截止日期在统计期间内的各项必修课：应学、已完成、学习中和逾期未完成的人数（限管辖范围内的人员）。"),
        parameters=PERIOD_PARAMETERS,
        responses=RequiredSerializer,
    )
    def get(self, request: Request) -> Response:
        filters = self.report_filters()
        return Response(RequiredSerializer({"period": _period(filters), "rows": required_report(filters=filters)}).data)


class RequiredPendingView(ReportAPIMixin, generics.ListAPIView):
    serializer_class = PendingPersonSerializer

    @extend_schema(
        summary=_("必修课未完成人员"),
        description=_("该项必修课在管辖范围内尚未完成的人员（截止日期已过即为逾期），分页返回。"),
        parameters=PERIOD_PARAMETERS,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return User.objects.none()
        filters = self.report_filters()
        assignment = required_assignment_get(filters=filters, assignment_id=self.kwargs["assignment_id"])
        if assignment is None:
            raise NotFound(_("该必修课指派不存在，或不在您的管辖范围内。"))
        return assignment_people_pending(filters=filters, assignment=assignment)


class LearnersView(ReportAPIMixin, generics.ListAPIView):
    serializer_class = LearnerSerializer

    @extend_schema(
        summary=_("学员学习情况"),
        description=_("管辖范围内每个人在统计期间内的报名课程数、完成课程数、学时和积分，按单位和姓名排列，分页返回。"),
        parameters=[*PERIOD_PARAMETERS, SEARCH_PARAMETER],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return learners_report(filters=self.report_filters())
