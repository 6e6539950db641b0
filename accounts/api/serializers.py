"""Shapes of the account API: login, the token answer and the current user's profile."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import SkillLevel, User
from organisations.api.serializers import OrganisationRefSerializer

AVATAR_MAX_BYTES = 5 * 1024 * 1024


class UserSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    display_name = serializers.CharField(read_only=True, help_text=_("显示用的姓名。"))
    role_display = serializers.CharField(source="get_role_display", read_only=True, help_text=_("角色名称。"))
    skill_level_display = serializers.CharField(
        source="get_skill_level_display", read_only=True, help_text=_("职业技能等级名称。")
    )
    avatar = serializers.SerializerMethodField(help_text=_("头像图片的完整地址，未上传时为空。"))
    is_union_staff = serializers.BooleanField(read_only=True, help_text=_("是否为工会干部。"))
    is_master = serializers.BooleanField(read_only=True, help_text=_("是否为劳模/工匠。"))
    is_site_admin = serializers.BooleanField(read_only=True, help_text=_("是否为平台管理员。"))

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "real_name",
            "display_name",
            "mobile",
            "email",
            "employee_number",
            "employer",
            "trade",
            "skill_level",
            "skill_level_display",
            "avatar",
            "organisation",
            "role",
            "role_display",
            "is_union_staff",
            "is_master",
            "is_site_admin",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_avatar(self, user: User) -> str | None:
        if not user.avatar:
            return None
        request = self.context.get("request")
        url = user.avatar.url
        return request.build_absolute_uri(url) if request is not None else url


class LoginSerializer(serializers.Serializer):
    login = serializers.CharField(
        label=_("手机号或用户名"), max_length=150, help_text=_("注册时填写的 11 位手机号，或用户名。")
    )
    password = serializers.CharField(
        label=_("密码"), max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        read_only=True, help_text=_("访问令牌：之后的请求带上请求头 Authorization: Token <令牌>。")
    )
    user = UserSerializer(read_only=True)


class ProfileUpdateSerializer(serializers.Serializer):
    """What a user may change about themselves; the service validates the whole user afterwards."""

    real_name = serializers.CharField(label=_("姓名"), max_length=40, required=False)
    mobile = serializers.CharField(
        label=_("手机号"), max_length=11, required=False, allow_blank=True, allow_null=True
    )
    email = serializers.EmailField(label=_("电子邮箱"), required=False, allow_blank=True)
    employee_number = serializers.CharField(label=_("工号"), max_length=32, required=False, allow_blank=True)
    employer = serializers.CharField(label=_("工作单位"), max_length=120, required=False, allow_blank=True)
    trade = serializers.CharField(label=_("工种"), max_length=60, required=False, allow_blank=True)
    skill_level = serializers.ChoiceField(
        label=_("职业技能等级"), choices=SkillLevel.choices, required=False, allow_blank=True
    )
    avatar = serializers.ImageField(
        label=_("头像"), required=False, help_text=_("以 multipart/form-data 上传，不超过 5 MB。")
    )

    def validate_avatar(self, value: Any) -> Any:
        if value is not None and value.size > AVATAR_MAX_BYTES:
            raise serializers.ValidationError(_("头像图片不能超过 5 MB。"))
        return value
