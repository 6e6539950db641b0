"""劳模和工匠人才创新工作室 and the 上线进网 campaign that brings every studio online."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class StudioLevel(models.TextChoices):
    NATIONAL = "national", _("国家级示范")
    PROVINCIAL = "provincial", _("省级示范")
    CITY = "city", _("市级示范")
    DISTRICT = "district", _("区级示范")
    NONE = "none", _("未评级")


class Industry(models.TextChoices):
    MANUFACTURING = "manufacturing", _("装备制造")
    ENERGY = "energy", _("电力能源")
    CONSTRUCTION = "construction", _("建筑工程")
    TRANSPORT = "transport", _("交通运输")
    RAIL = "rail", _("轨道交通")
    AUTOMOTIVE = "automotive", _("汽车制造")
    FOOD = "food", _("食品加工")
    HEALTH = "health", _("医疗卫生")
    IT = "it", _("信息技术")
    CHEMICAL = "chemical", _("化工材料")
    SERVICES = "services", _("商贸服务")
    AGRICULTURE = "agriculture", _("现代农业")
    OTHER = "other", _("其他")


class Studio(ClusterableModel):
    name = models.CharField(_("工作室名称"), max_length=120, unique=True, help_text=_("例如“李斌数控技术创新工作室”。"))
    slug = models.SlugField(_("代码"), max_length=80, unique=True, help_text=_("唯一代码，用于网址和接口。"))
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("领衔人"),
        on_delete=models.PROTECT,
        related_name="led_studios",
        help_text=_("领衔的劳模或工匠。"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("成员"),
        related_name="studios",
        blank=True,
        help_text=_("工作室成员，可编辑本工作室的主页。领衔人自动是成员。"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("所属组织"),
        on_delete=models.PROTECT,
        related_name="studios",
        help_text=_("工作室所在的工会组织或企业。"),
    )
    industry = models.CharField(
        _("行业"), max_length=30, choices=Industry.choices, help_text=_("工作室所属行业。")
    )
    level = models.CharField(
        _("级别"),
        max_length=20,
        choices=StudioLevel.choices,
        default=StudioLevel.NONE,
        help_text=_("命名的示范工作室级别。"),
    )
    founded_on = models.DateField(_("成立日期"), null=True, blank=True, help_text=_("工作室命名或成立的日期。"))
    profile = models.TextField(_("简介"), blank=True, help_text=_("工作室的主要方向、成果和团队情况。"))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("列表和主页顶部展示的图片。"),
    )
    online_on = models.DateField(
        _("上线进网日期"),
        null=True,
        blank=True,
        help_text=_("工作室在平台完成上线进网的日期；未上线请留空。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("创新工作室")
        verbose_name_plural = _("创新工作室")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_demonstration(self) -> bool:
        return self.level != StudioLevel.NONE


class StudioPhoto(Orderable):
    studio = ParentalKey(Studio, related_name="photos", on_delete=models.CASCADE, verbose_name=_("工作室"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("工作室环境、团队或成果照片。"),
    )
    caption = models.CharField(_("说明"), max_length=120, blank=True, help_text=_("照片下方显示的说明文字。"))

    class Meta(Orderable.Meta):
        verbose_name = _("工作室照片")
        verbose_name_plural = _("工作室照片")


class OnboardingCampaign(models.Model):
    """One year of the 上线进网 campaign with its two deadlines."""

    year = models.PositiveIntegerField(_("年度"), unique=True, help_text=_("活动年度，例如 2026。"))
    demonstration_deadline = models.DateField(
        _("示范工作室截止日期"), help_text=_("各级示范工作室完成上线进网的截止日期（方案为 7 月 31 日）。")
    )
    all_studios_deadline = models.DateField(
        _("全部工作室截止日期"), help_text=_("所有工作室完成上线进网的截止日期（方案为 8 月 31 日）。")
    )

    class Meta:
        verbose_name = _("上线进网活动")
        verbose_name_plural = _("上线进网活动")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("%(year)s 年上线进网") % {"year": self.year}

    @classmethod
    def default_for(cls, year: int) -> OnboardingCampaign:
        return cls(
            year=year,
            demonstration_deadline=datetime.date(year, 7, 31),
            all_studios_deadline=datetime.date(year, 8, 31),
        )

    def clean(self) -> None:
        if self.demonstration_deadline and self.all_studios_deadline:
            if self.demonstration_deadline > self.all_studios_deadline:
                raise ValidationError(
                    {"demonstration_deadline": _("示范工作室的截止日期不能晚于全部工作室的截止日期。")}
                )

    def deadline_for(self, studio: Studio) -> datetime.date:
        return self.demonstration_deadline if studio.is_demonstration else self.all_studios_deadline
