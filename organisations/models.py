"""The union's organisation tree: 市总工会 → 区县(市)/开发区/产业工会 → 基层工会 / enterprise."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class OrganisationKind(models.TextChoices):
    CITY_FEDERATION = "city", _("市总工会")
    DISTRICT = "district", _("区县(市)总工会")
    DEVELOPMENT_ZONE = "zone", _("开发区工会")
    INDUSTRY = "industry", _("产业工会")
    GRASSROOTS = "grassroots", _("基层工会")
    ENTERPRISE = "enterprise", _("企业")


class Organisation(MP_Node):
    name = models.CharField(_("名称"), max_length=120, help_text=_("全称，例如“郑州市金水区总工会”。"))
    short_name = models.CharField(
        _("简称"), max_length=40, blank=True, help_text=_("列表和图表中使用的简称，可留空。")
    )
    code = models.SlugField(
        _("代码"), max_length=60, unique=True, help_text=_("唯一代码，仅含字母、数字、连字符，用于导入和接口。")
    )
    kind = models.CharField(
        _("类型"), max_length=20, choices=OrganisationKind.choices, help_text=_("组织在工会体系中的层级类型。")
    )
    address = models.CharField(_("地址"), max_length=200, blank=True, help_text=_("办公地址。"))
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True, help_text=_("对外联系电话。"))

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name
