"""Notification API: a user's own inbox and delivery preferences; nobody sees another user's notifications."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from notifications.models import Notification
from notifications.selectors import notification_list, notification_preferences, notification_unread_count
from notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_set,
)

from .serializers import (
    MarkedSerializer,
    NotificationListParamsSerializer,
    NotificationSerializer,
    PreferencesSerializer,
    UnreadCountSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary=_("我的通知"),
        description=_("当前用户收件箱中的通知，最新的在前。"),
        parameters=[NotificationListParamsSerializer],
    ),
    retrieve=extend_schema(summary=_("通知详情"), description=_("只能查看自己的通知，其他编号返回 404。")),
)
class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    lookup_value_regex = r"\d+"
    queryset = Notification.objects.none()

    def get_queryset(self) -> QuerySet[Notification]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        unread_only = False
        if self.action == "list":
            params = NotificationListParamsSerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            unread_only = params.validated_data["unread"]
        return notification_list(user=self.request.user, unread_only=unread_only)

    @extend_schema(
        summary=_("标记为已读"),
        description=_("把自己的一条通知标记为已读；其他编号返回 404。"),
        request=None,
        responses=NotificationSerializer,
    )
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str) -> Response:
        notification = self.get_object()  # 404 unless it is the user's own
        notification_mark_read(user=request.user, notification_id=notification.pk)
        notification.refresh_from_db()
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        summary=_("全部标记为已读"),
        description=_("把自己的全部未读通知标记为已读。"),
        request=None,
        responses=MarkedSerializer,
    )
    @action(detail=False, methods=["post"], url_path="read-all", url_name="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked": notification_mark_all_read(user=request.user)})

    @extend_schema(
        summary=_("未读数量"), description=_("收件箱中未读通知的数量。"), responses=UnreadCountSerializer
    )
    @action(detail=False, methods=["get"], url_path="unread-count", url_name="unread-count")
    def unread_count(self, request: Request) -> Response:
        return Response({"count": notification_unread_count(user=request.user)})

    @extend_schema(
        methods=["GET"],
        summary=_("通知接收设置"),
        description=_("每个通知类别的接收方式（站内信、电子邮件）。"),
        responses=PreferencesSerializer,
    )
    @extend_schema(
        methods=["PUT"],
        summary=_("保存通知接收设置"),
        description=_("提交各类别的接收方式；未列出的类别保持不变。"),
        request=PreferencesSerializer,
        responses=PreferencesSerializer,
    )
    @action(detail=False, methods=["get", "put"], pagination_class=None)
    def preferences(self, request: Request) -> Response:
        if request.method == "PUT":
            params = PreferencesSerializer(data=request.data)
            params.is_valid(raise_exception=True)
            notification_preferences_set(
                user=request.user,
                preferences={
                    item["kind"]: {"in_app": item["in_app"], "email": item["email"]}
                    for item in params.validated_data["preferences"]
                },
            )
        data = {"preferences": notification_preferences(user=request.user)}
        return Response(PreferencesSerializer(data).data)
