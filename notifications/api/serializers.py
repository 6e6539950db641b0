"""Shapes of the notification API: the inbox and the delivery preferences."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from notifications.models import Notification, NotificationKind


class NotificationSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类别名称。"))
    is_read = serializers.BooleanField(read_only=True, help_text=_("是否已读。"))

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_display", "title", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields


class NotificationListParamsSerializer(serializers.Serializer):
    unread = serializers.BooleanField(
        label=_("只看未读"), required=False, default=False, help_text=_("为 1 时只列出未读通知。")
    )


class UnreadCountSerializer(serializers.Serializer):
    count = serializers.IntegerField(read_only=True, help_text=_("未读通知数量。"))


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(read_only=True, help_text=_("本次标记为已读的通知数量。"))


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        label=_("类型"), choices=NotificationKind.choices, help_text=_("通知类别。")
    )
    kind_display = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类别名称。"))
    in_app = serializers.BooleanField(label=_("站内信"), help_text=_("在站内收件箱中接收。"))
    email = serializers.BooleanField(label=_("电子邮件"), help_text=_("同时发送到账号的电子邮箱。"))


class PreferencesSerializer(serializers.Serializer):
    preferences = PreferenceSerializer(
        many=True, help_text=_("每个类别的接收方式；保存时未列出的类别保持不变。")
    )

    def validate_preferences(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kinds = [item["kind"] for item in value]
        if len(kinds) != len(set(kinds)):
            raise serializers.ValidationError(_("同一类别只能出现一次。"))
        return value
