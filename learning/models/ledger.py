"""The study ledger: study time per day, and every award of learning points (积分) and credit hours (学时)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyStudy(models.Model):
    """Study time and points of one person on one day (Asia/Shanghai): the daily cap is enforced here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("学员"), on_delete=models.CASCADE, related_name="+",
        help_text=_("学习的用户。"),
    )
    day = models.DateField(_("日期"), help_text=_("学习的日期。"))
    seconds = models.FloatField(_("学习时间（秒）"), default=0, help_text=_("当天计入的视频学习时间。"))
    points = models.PositiveIntegerField(_("积分"), default=0, help_text=_("当天获得的积分（不超过每日上限）。"))

    class Meta:
        verbose_name = _("每日学习")
        verbose_name_plural = _("每日学习")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="learning_daily_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.day}"


class LedgerKind(models.TextChoices):
    STUDY_TIME = "study_time", _("学习时长")
    LESSON_COMPLETED = "lesson_completed", _("完成课时")
    COURSE_COMPLETED = "course_completed", _("完成课程")


class LedgerEntry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("学员"), on_delete=models.CASCADE, related_name="ledger_entries",
        help_text=_("获得积分或学时的用户。"),
    )
    day = models.DateField(_("日期"), help_text=_("计入的日期。"))
    kind = models.CharField(_("类型"), max_length=20, choices=LedgerKind.choices, help_text=_("因何获得。"))
    points_requested = models.PositiveIntegerField(
        _("应得积分"), default=0, help_text=_("按规则应得的积分。")
    )
    points = models.PositiveIntegerField(_("实得积分"), default=0, help_text=_("扣除每日上限后实际获得的积分。"))
    hours = models.DecimalField(
        _("学时"), max_digits=5, decimal_places=1, default=Decimal("0"), help_text=_("完成课程获得的学时。")
    )
    seconds = models.FloatField(_("学习时间（秒）"), default=0, help_text=_("对应的学习时间。"))
    course = models.ForeignKey(
        "learning.CoursePage", verbose_name=_("课程"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("相关课程。"),
    )
    lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name=_("课时"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("相关课时。"),
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True, help_text=_("写入台账的时间。"))

    class Meta:
        verbose_name = _("学习台账")
        verbose_name_plural = _("学习台账")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "day"], name="learning_ledger_user_day")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.day}"
