"""Shapes of the studio API: public studio cards and profiles, staff edits and the 上线进网 report."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.images.models import SourceImageIOError

from accounts.models import User
from organisations.api.serializers import OrganisationRefSerializer
from organisations.models import Organisation
from studios.models import Industry, Studio, StudioLevel
from studios.selectors import OnboardingStatus, studio_onboarding

# the renditions the site's own cards and pages use, so the app reuses the same files
CARD_SPEC = "fill-640x360"
HERO_SPEC = "fill-960x540"
PHOTO_SPEC = "fill-480x360"


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField(read_only=True, help_text=_("图片完整地址。"))
    width = serializers.IntegerField(read_only=True, help_text=_("宽度（像素）。"))
    height = serializers.IntegerField(read_only=True, help_text=_("高度（像素）。"))
    alt = serializers.CharField(read_only=True, help_text=_("替代文字。"))


def _image(image: Any, spec: str, request: Any) -> dict[str, Any] | None:
    """A rendition of a Wagtail image; None when there is none or its file is missing."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:
        return None
    url = rendition.url
    return {
        "url": request.build_absolute_uri(url) if request is not None else url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text or image.title,
    }


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="display_name", read_only=True, help_text=_("姓名。"))


class OnboardingSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=OnboardingStatus.choices, read_only=True, help_text=_("上线进网状态。")
    )
    status_display = serializers.CharField(source="status.label", read_only=True, help_text=_("状态名称。"))
    deadline = serializers.DateField(read_only=True, help_text=_("本工作室适用的截止日期。"))


class StudioSerializer(serializers.ModelSerializer):
    """A studio card as the public studio list shows it."""

    lead = PersonSerializer(read_only=True, help_text=_("领衔人。"))
    organisation = OrganisationRefSerializer(read_only=True)
    industry_display = serializers.CharField(source="get_industry_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    is_demonstration = serializers.BooleanField(read_only=True, help_text=_("是否为命名的示范工作室。"))
    onboarding = serializers.SerializerMethodField(help_text=_("本年度上线进网情况。"))
    cover = serializers.SerializerMethodField(help_text=_("封面图片，未设置时为空。"))
    page_url = serializers.SerializerMethodField(help_text=_("工作室主页的完整地址，尚无已发布主页时为空。"))

    class Meta:
        model = Studio
        fields = [
            "slug",
            "name",
            "lead",
            "organisation",
            "industry",
            "industry_display",
            "level",
            "level_display",
            "is_demonstration",
            "founded_on",
            "online_on",
            "onboarding",
            "cover",
            "page_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OnboardingSerializer)
    def get_onboarding(self, studio: Studio) -> dict[str, Any]:
        onboarding = studio_onboarding(studio=studio, campaign=self.context["campaign"])
        return OnboardingSerializer(onboarding).data

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_cover(self, studio: Studio) -> dict[str, Any] | None:
        return _image(studio.cover, CARD_SPEC, self.context.get("request"))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_page_url(self, studio: Studio) -> str | None:
        # studios sits below the CMS: its page is reached through the reverse relation, never imported
        page = getattr(studio, "page", None)
        if page is None or not getattr(page, "live", False):
            return None
        request = self.context.get("request")
        url = page.get_url(request=request)
        if not url:
            return None
        return request.build_absolute_uri(url) if request is not None else url


class PhotoSerializer(serializers.Serializer):
    image = ImageSerializer(read_only=True, allow_null=True)
    caption = serializers.CharField(read_only=True, help_text=_("照片说明。"))


class StudioPermissionsSerializer(serializers.Serializer):
    manage = serializers.BooleanField(read_only=True, help_text=_("当前用户能否修改工作室档案。"))
    edit_page = serializers.BooleanField(read_only=True, help_text=_("当前用户能否编辑工作室主页。"))


class StudioDetailSerializer(StudioSerializer):
    """The whole studio profile, as its page shows it."""

    members = serializers.SerializerMethodField(help_text=_("除领衔人外的工作室成员。"))
    photos = serializers.SerializerMethodField(help_text=_("工作室照片。"))
    permissions = serializers.SerializerMethodField(help_text=_("当前用户对本工作室的权限。"))

    class Meta(StudioSerializer.Meta):
        fields = [*StudioSerializer.Meta.fields, "profile", "members", "photos", "permissions"]
        read_only_fields = fields

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_cover(self, studio: Studio) -> dict[str, Any] | None:
        return _image(studio.cover, HERO_SPEC, self.context.get("request"))

    @extend_schema_field(PersonSerializer(many=True))
    def get_members(self, studio: Studio) -> list[dict[str, Any]]:
        members = studio.members.exclude(pk=studio.lead_id).order_by("real_name", "pk")
        return PersonSerializer(members, many=True).data

    @extend_schema_field(PhotoSerializer(many=True))
    def get_photos(self, studio: Studio) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return [
            {"image": _image(photo.image, PHOTO_SPEC, request), "caption": photo.caption}
            for photo in studio.photos.select_related("image").all()
        ]

    @extend_schema_field(StudioPermissionsSerializer)
    def get_permissions(self, studio: Studio) -> dict[str, bool]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return {"manage": False, "edit_page": False}
        return {
            "manage": user.has_perm("studios.manage_studio", studio),
            "edit_page": user.has_perm("studios.edit_studio_page", studio),
        }


class StudioListParamsSerializer(serializers.Serializer):
    industry = serializers.ChoiceField(label=_("行业"), choices=Industry.choices, required=False)
    level = serializers.ChoiceField(label=_("级别"), choices=StudioLevel.choices, required=False)
    organisation = serializers.SlugRelatedField(
        label=_("组织代码"),
        slug_field="code",
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("只列出该组织及其全部下级的工作室。"),
        error_messages={"does_not_exist": _("组织代码“{value}”不存在。")},
    )
    q = serializers.CharField(
        label=_("关键词"),
        required=False,
        allow_blank=True,
        max_length=60,
        help_text=_("按工作室名称或领衔人姓名搜索。"),
    )


class StudioUpdateSerializer(serializers.Serializer):
    """What union staff in scope and site admins may change; the service validates the whole studio."""

    name = serializers.CharField(label=_("工作室名称"), max_length=120, required=False)
    industry = serializers.ChoiceField(label=_("行业"), choices=Industry.choices, required=False)
    level = serializers.ChoiceField(label=_("级别"), choices=StudioLevel.choices, required=False)
    founded_on = serializers.DateField(label=_("成立日期"), required=False, allow_null=True)
    online_on = serializers.DateField(label=_("上线进网日期"), required=False, allow_null=True)
    profile = serializers.CharField(label=_("简介"), required=False, allow_blank=True)
    organisation = serializers.SlugRelatedField(
        label=_("所属组织代码"),
        slug_field="code",
        queryset=Organisation.objects.all(),
        required=False,
        error_messages={"does_not_exist": _("组织代码“{value}”不存在。")},
    )
    lead = serializers.PrimaryKeyRelatedField(
        label=_("领衔人"),
        queryset=User.objects.filter(is_active=True),
        required=False,
        help_text=_("领衔人的用户编号，必须是劳模或工匠账号。"),
        error_messages={"does_not_exist": _("用户“{pk_value}”不存在。")},
    )

    def validate_organisation(self, value: Organisation) -> Organisation:
        user = self.context["request"].user
        if not user.has_perm("organisations.manage_organisation", value):
            raise serializers.ValidationError(_("只能把工作室划入您管理的组织。"))
        return value


class CampaignSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True, help_text=_("活动年度。"))
    demonstration_deadline = serializers.DateField(read_only=True, help_text=_("示范工作室截止日期。"))
    all_studios_deadline = serializers.DateField(read_only=True, help_text=_("全部工作室截止日期。"))


class OnboardingSummarySerializer(serializers.Serializer):
    on_time = serializers.IntegerField(read_only=True, help_text=_("已按期上线。"))
    late = serializers.IntegerField(read_only=True, help_text=_("已上线（逾期）。"))
    pending = serializers.IntegerField(read_only=True, help_text=_("待上线。"))
    overdue = serializers.IntegerField(read_only=True, help_text=_("逾期未上线。"))


class OnboardingRowSerializer(serializers.Serializer):
    slug = serializers.CharField(source="studio.slug", read_only=True)
    name = serializers.CharField(source="studio.name", read_only=True)
    organisation = OrganisationRefSerializer(source="studio.organisation", read_only=True)
    lead = PersonSerializer(source="studio.lead", read_only=True)
    level = serializers.ChoiceField(source="studio.level", choices=StudioLevel.choices, read_only=True)
    level_display = serializers.CharField(source="studio.get_level_display", read_only=True)
    online_on = serializers.DateField(source="studio.online_on", read_only=True, allow_null=True)
    deadline = serializers.DateField(read_only=True, help_text=_("适用的截止日期。"))
    status = serializers.ChoiceField(choices=OnboardingStatus.choices, read_only=True)
    status_display = serializers.CharField(source="status.label", read_only=True)


class OnboardingParamsSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        label=_("年度"), required=False, min_value=2000, max_value=2100, help_text=_("默认为今年。")
    )
    status = serializers.ChoiceField(
        label=_("状态"),
        choices=OnboardingStatus.choices,
        required=False,
        help_text=_("只列出该状态的工作室。"),
    )


class OnboardingReportSerializer(serializers.Serializer):
    campaign = CampaignSerializer(read_only=True)
    summary = OnboardingSummarySerializer(read_only=True, help_text=_("管辖范围内全部工作室按状态的数量。"))
    total = serializers.IntegerField(read_only=True, help_text=_("管辖范围内的工作室总数。"))
    count = serializers.IntegerField(read_only=True, help_text=_("符合筛选条件的工作室数量。"))
    next = serializers.URLField(read_only=True, allow_null=True)
    previous = serializers.URLField(read_only=True, allow_null=True)
    results = OnboardingRowSerializer(many=True, read_only=True)
