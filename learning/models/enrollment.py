"""Who takes which course: self-enrolment, and required courses (必修) assigned to an organisation subtree."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrollmentSource(models.TextChoices):
    SELF = "self", _("自主报名")
    ASSIGNED = "assigned", _("单位指派")


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("学员"), on_delete=models.CASCADE, related_name="enrollments",
        help_text=_("报名学习的用户。"),
    )
    course = models.ForeignKey(
        "learning.CoursePage", verbose_name=_("课程"), on_delete=models.CASCADE, related_name="enrollments",
        help_text=_("所学课程。"),
    )
    source = models.CharField(
        _("来源"), max_length=20, choices=EnrollmentSource.choices, default=EnrollmentSource.SELF,
        help_text=_("自主报名，或因单位指派的必修课而报名。"),
    )
    enrolled_at = models.DateTimeField(_("报名时间"), auto_now_add=True, help_text=_("开始学习的时间。"))
    progress_percent = models.PositiveSmallIntegerField(
        _("进度（%）"), default=0, help_text=_("已完成课时占全部课时的百分比。")
    )
    completed_at = models.DateTimeField(
        _("完成时间"), null=True, blank=True, help_text=_("全部课时完成的时间；未完成为空。")
    )
    hours_awarded = models.DecimalField(
        _("获得学时"), max_digits=5, decimal_places=1, default=Decimal("0"),
        help_text=_("完成课程时计入的学时。"),
    )
    last_lesson = models.ForeignKey(
        "learning.LessonPage", verbose_name=_("最近学习的课时"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text=_("“继续学习”从这里开始。"),
    )
    last_activity_at = models.DateTimeField(
        _("最近学习时间"), null=True, blank=True, help_text=_("最近一次学习记录的时间。")
    )

    class Meta:
        verbose_name = _("选课记录")
        verbose_name_plural = _("选课记录")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="learning_enrollment_unique")]
        indexes = [models.Index(fields=["user", "-last_activity_at"], name="learning_enrol_user_recent")]

    def __str__(self) -> str:
        return f"{self.user} · {self.course}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class CourseAssignment(models.Model):
    """A required course (必修) for everyone in an organisation and below it, due on a date."""

    course = models.ForeignKey(
        "learning.CoursePage", verbose_name=_("课程"), on_delete=models.CASCADE, related_name="assignments",
        help_text=_("指定为必修的课程。"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("组织"), on_delete=models.CASCADE,
        related_name="course_assignments", help_text=_("本组织及其全部下级组织的职工都须完成。"),
    )
    due_on = models.DateField(_("截止日期"), help_text=_("须在这一天（含）之前完成。"))
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("给学员看的说明，可留空。"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("指派人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("创建这项必修任务的工会干部。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, help_text=_("指派的时间。"))

    class Meta:
        verbose_name = _("必修课指派")
        verbose_name_plural = _("必修课指派")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "organisation"], name="learning_assignment_unique",
                violation_error_message=_("该组织已被指派过这门必修课。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} → {self.organisation}"
