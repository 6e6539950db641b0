"""In-app notifications and each user's delivery preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    SYSTEM = "system", _("系统通知")
    STUDIO = "studio", _("工作室动态")
    LEARNING = "learning", _("学习提醒")
    MENTORSHIP = "mentorship", _("师带徒")
    REVIEW = "review", _("审核结果")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
        help_text=_("收到通知的用户。"),
    )
    kind = models.CharField(
        _("类型"), max_length=20, choices=NotificationKind.choices, default=NotificationKind.SYSTEM,
        help_text=_("通知类别，用户可按类别设置接收方式。"),
    )
    title = models.CharField(_("标题"), max_length=120, help_text=_("通知标题。"))
    body = models.TextField(_("内容"), blank=True, help_text=_("通知正文，纯文本。"))
    url = models.CharField(_("链接"), max_length=300, blank=True, help_text=_("点击通知后打开的站内地址。"))
    created_at = models.DateTimeField(_("发送时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True, help_text=_("为空表示未读。"))
    emailed_at = models.DateTimeField(
        _("邮件发送时间"), null=True, blank=True, help_text=_("邮件送出的时间。")
    )
    in_app = models.BooleanField(
        _("显示在收件箱"), default=True,
        help_text=_("为否表示用户关闭了该类站内信，此通知只通过电子邮件送达，不出现在收件箱中。"),
    )

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notif_recipient_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(
        _("类型"), max_length=20, choices=NotificationKind.choices, help_text=_("通知类别。")
    )
    in_app = models.BooleanField(_("站内信"), default=True, help_text=_("在站内收件箱中接收。"))
    email = models.BooleanField(_("电子邮件"), default=False, help_text=_("同时发送到账号的电子邮箱。"))

    class Meta:
        verbose_name = _("通知偏好")
        verbose_name_plural = _("通知偏好")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"
