"""Progress per lesson, and every playback heartbeat received (the audit trail of study time)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("学习中")
    COMPLETED = "completed", _("已完成")


class LessonProgress(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("学员"), on_delete=models.CASCADE, related_name="lesson_progress",
        help_text=_("学习该课时的用户。"),
    )
    lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name=_("课时"), on_delete=models.CASCADE, related_name="progress",
        help_text=_("所学课时。"),
    )
    course = models.ForeignKey(
        "learning.CoursePage", verbose_name=_("课程"), on_delete=models.CASCADE, related_name="+",
        help_text=_("课时所属的课程（冗余保存，便于统计）。"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED,
        help_text=_("未开始、学习中或已完成。"),
    )
    played_ranges = models.JSONField(
        _("已播放区间"), default=list, blank=True,
        help_text=_("视频中实际播放过的区间（秒），已合并：[[开始, 结束], …]。"),
    )
    played_seconds = models.FloatField(_("已播放时长（秒）"), default=0, help_text=_("已播放区间的总长度。"))
    position = models.FloatField(_("上次位置（秒）"), default=0, help_text=_("续播位置，任何设备都从这里继续。"))
    position_at = models.DateTimeField(
        _("位置记录时间"), null=True, blank=True, help_text=_("续播位置的客户端时间：较早的离线记录不会覆盖较新的位置。")
    )
    pages_seen = models.JSONField(
        _("已阅页码"), default=list, blank=True, help_text=_("文档课：在浏览器中看过的页码。")
    )
    page_count = models.PositiveIntegerField(
        _("文档页数"), null=True, blank=True, help_text=_("文档课：浏览器报告的总页数。")
    )
    read_percent = models.PositiveSmallIntegerField(
        _("阅读进度（%）"), default=0, help_text=_("图文课：读到的位置占全文的百分比。")
    )
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True, help_text=_("课时完成的时间。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, help_text=_("最近一次记录的时间。"))

    class Meta:
        verbose_name = _("课时进度")
        verbose_name_plural = _("课时进度")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="learning_progress_unique")]
        indexes = [models.Index(fields=["user", "course"], name="learning_progress_user_course")]

    def __str__(self) -> str:
        return f"{self.user} · {self.lesson}"

    @property
    def is_completed(self) -> bool:
        return self.status == ProgressStatus.COMPLETED


class HeartbeatOutcome(models.TextChoices):
    CREDITED = "credited", _("已计入")
    CAPPED = "capped", _("超出部分未计入")
    HIDDEN = "hidden", _("页面在后台，不计入")
    NO_WALL_TIME = "overlap", _("与其他设备同时播放，不重复计入")
    NOTHING_PLAYED = "idle", _("没有播放")
    STALE = "stale", _("离线记录过期，不计入")


class PlaybackHeartbeat(models.Model):
    """One heartbeat as received, and what it earned: the study-time ledger staff can audit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("学员"), on_delete=models.CASCADE, related_name="+",
        help_text=_("发送心跳的用户。"),
        db_index=False,  # the unique (user, client_id) and (user, window_end) indexes both lead with it
    )
    lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name=_("课时"), on_delete=models.CASCADE, related_name="+",
        help_text=_("正在播放的视频课时。"),
    )
    client_id = models.UUIDField(_("客户端编号"), help_text=_("客户端生成的唯一编号，重复发送只计一次。"))
    device = models.CharField(_("设备"), max_length=64, blank=True, help_text=_("客户端自报的设备编号。"))
    sent_at = models.DateTimeField(_("发送时间"), help_text=_("客户端记录的时间（离线补传时早于接收时间）。"))
    received_at = models.DateTimeField(_("接收时间"), auto_now_add=True, help_text=_("服务器收到的时间。"))
    intervals = models.JSONField(_("上报区间"), default=list, help_text=_("客户端上报的播放区间（秒）。"))
    position = models.FloatField(_("播放位置（秒）"), help_text=_("发送时的播放位置。"))
    rate = models.FloatField(_("倍速"), help_text=_("发送时的播放倍速。"))
    visible = models.BooleanField(_("页面可见"), help_text=_("页面在后台时不计学习时间。"))
    window_start = models.DateTimeField(
        _("计时开始"), null=True, blank=True, help_text=_("计入的墙上时间窗口的开始；未计入为空。")
    )
    window_end = models.DateTimeField(
        _("计时结束"), null=True, blank=True, help_text=_("计入的墙上时间窗口的结束；未计入为空。")
    )
    media_seconds = models.FloatField(_("采纳的播放时长（秒）"), default=0, help_text=_("核验后采纳的播放区间长度。"))
    new_coverage = models.FloatField(_("新增覆盖（秒）"), default=0, help_text=_("已播放区间因此增加的长度。"))
    credited_seconds = models.FloatField(_("计入学习时间（秒）"), default=0, help_text=_("计入学时台账的时间。"))
    outcome = models.CharField(
        _("结果"), max_length=20, choices=HeartbeatOutcome.choices, help_text=_("这次心跳如何计入。")
    )

    class Meta:
        verbose_name = _("播放心跳")
        verbose_name_plural = _("播放心跳")
        constraints = [models.UniqueConstraint(fields=["user", "client_id"], name="learning_heartbeat_unique")]
        indexes = [models.Index(fields=["user", "window_end"], name="learning_heartbeat_window")]

    def __str__(self) -> str:
        return f"{self.user} · {self.sent_at:%Y-%m-%d %H:%M:%S}"
