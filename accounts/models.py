"""Users of the platform: workers, masters, union staff and site administrators."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .validators import employee_number_validator, mobile_validator


class Role(models.TextChoices):
    WORKER = "worker", _("学员")
    MASTER = "master", _("劳模/工匠")
    UNION_STAFF = "union_staff", _("工会干部")
    ADMIN = "admin", _("平台管理员")


class SkillLevel(models.TextChoices):
    NONE = "", _("未评定")
    LEVEL_5 = "5", _("五级/初级工")
    LEVEL_4 = "4", _("四级/中级工")
    LEVEL_3 = "3", _("三级/高级工")
    LEVEL_2 = "2", _("二级/技师")
    LEVEL_1 = "1", _("一级/高级技师")
    SPECIAL = "special", _("特级技师")
    CHIEF = "chief", _("首席技师")


class User(AbstractUser):
    real_name = models.CharField(_("姓名"), max_length=40, help_text=_("真实姓名，用于证书和报表。"))
    mobile = models.CharField(
        _("手机号"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[mobile_validator],
        help_text=_("11 位手机号，可用于登录，每个号码只能注册一个账号。"),
        error_messages={"unique": _("该手机号已被注册。")},
    )
    employee_number = models.CharField(
        _("工号"),
        max_length=32,
        blank=True,
        validators=[employee_number_validator],
        help_text=_("本单位内的职工工号，同一组织内不能重复。"),
    )
    employer = models.CharField(_("工作单位"), max_length=120, blank=True, help_text=_("所在企业或单位全称。"))
    trade = models.CharField(_("工种"), max_length=60, blank=True, help_text=_("例如：数控车工、电工、焊工。"))
    skill_level = models.CharField(
        _("职业技能等级"),
        max_length=10,
        choices=SkillLevel.choices,
        blank=True,
        default=SkillLevel.NONE,
        help_text=_("国家职业技能等级。"),
    )
    avatar = models.ImageField(
        _("头像"), upload_to="avatars/%Y/%m/", blank=True, help_text=_("正方形图片效果最佳，不超过 5 MB。")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("所属组织"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        help_text=_("用户所属的工会组织或企业节点；工会干部可管理该节点及其下级。"),
    )
    role = models.CharField(
        _("角色"),
        max_length=20,
        choices=Role.choices,
        default=Role.WORKER,
        help_text=_("决定用户可以看到和操作的内容。"),
    )

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_number"],
                condition=~Q(employee_number=""),
                name="unique_employee_number_per_organisation",
                violation_error_message=_("该组织内已存在相同工号的用户。"),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.real_name or self.get_full_name() or self.username

    def get_full_name(self) -> str:
        return self.real_name or super().get_full_name()

    @property
    def is_union_staff(self) -> bool:
        return self.role == Role.UNION_STAFF and self.organisation_id is not None

    @property
    def is_master(self) -> bool:
        return self.role == Role.MASTER

    @property
    def is_site_admin(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN
