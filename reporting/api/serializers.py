"""Shapes of the reports API (read only)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField(help_text=_("统计期间的第一天（含）。"))
    end = serializers.DateField(help_text=_("统计期间的最后一天（含）。"))


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("组织编号，用作 unit 参数。"))
    code = serializers.CharField(help_text=_("组织唯一代码。"))
    name = serializers.CharField(help_text=_("组织全称。"))


class CourseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("课程编号，用作 course 参数。"))
    title = serializers.CharField(help_text=_("课程名称。"))


class UnitFiguresSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("行名称：单位简称、“本级”或“合计”。"))
    unit = UnitRefSerializer(source="organisation", allow_null=True, help_text=_("单位；合计行为空。"))
    is_own = serializers.BooleanField(help_text=_("是否为直属本级（不属于任何下级单位）的人员。"))
    has_children = serializers.BooleanField(help_text=_("该单位是否还有下级，可用 unit 参数逐级查看。"))
    people = serializers.IntegerField(help_text=_("在册（未停用）的账号数。"))
    learners = serializers.IntegerField(help_text=_("期间内报名或完成过课程的人数。"))
    enrolments = serializers.IntegerField(help_text=_("期间内报名课程的人次。"))
    completions = serializers.IntegerField(help_text=_("期间内完成课程的人次。"))
    completion_rate = serializers.FloatField(
        allow_null=True, help_text=_("期间内报名的课程中到期末已完成的比例（0–1）；没有报名为空。")
    )
    hours = serializers.DecimalField(max_digits=12, decimal_places=1, help_text=_("期间内计入的学时。"))
    points = serializers.IntegerField(help_text=_("期间内计入的积分。"))


class OverviewSerializer(serializers.Serializer):
    period = PeriodSerializer(help_text=_("统计期间。"))
    unit = UnitRefSerializer(allow_null=True, help_text=_("报表所在的单位；平台管理员查看全部时为空。"))
    course = CourseRefSerializer(allow_null=True, help_text=_("限定的课程；不限为空。"))
    rows = UnitFiguresSerializer(many=True, help_text=_("各直接下级单位（含其全部下级），以及本级人员。"))
    total = UnitFiguresSerializer(help_text=_("合计。"))


class AssignmentFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="assignment.pk", help_text=_("必修课指派编号。"))
    course = CourseRefSerializer(source="assignment.course", help_text=_("课程。"))
    organisation = UnitRefSerializer(source="assignment.organisation", help_text=_("指派到的单位。"))
    due_on = serializers.DateField(source="assignment.due_on", help_text=_("截止日期（含）。"))
    is_past_due = serializers.BooleanField(help_text=_("截止日期是否已过。"))
    assigned = serializers.IntegerField(help_text=_("您管辖范围内须学习的人数。"))
    completed = serializers.IntegerField(help_text=_("其中已完成的人数。"))
    started = serializers.IntegerField(help_text=_("已报名但尚未完成的人数。"))
    overdue = serializers.IntegerField(help_text=_("截止日期已过仍未完成的人数。"))
    completion_percent = serializers.FloatField(allow_null=True, help_text=_("完成百分比；无人须学时为空。"))


class RequiredSerializer(serializers.Serializer):
    period = PeriodSerializer(help_text=_("统计期间（按截止日期筛选必修课）。"))
    rows = AssignmentFiguresSerializer(many=True, help_text=_("各项必修课指派的完成情况。"))


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("用户编号。"))
    real_name = serializers.CharField(help_text=_("姓名。"))
    username = serializers.CharField(help_text=_("用户名。"))
    employee_number = serializers.CharField(help_text=_("工号。"))
    mobile = serializers.CharField(allow_null=True, help_text=_("手机号。"))
    organisation = UnitRefSerializer(allow_null=True, help_text=_("所属单位。"))


class PendingPersonSerializer(PersonSerializer):
    is_enrolled = serializers.BooleanField(help_text=_("是否已报名该课程。"))
    progress_percent = serializers.IntegerField(help_text=_("课程进度（%）。"))


class LearnerSerializer(PersonSerializer):
    enrolments = serializers.IntegerField(help_text=_("期间内报名的课程数。"))
    completed = serializers.IntegerField(help_text=_("期间内完成的课程数。"))
    hours = serializers.DecimalField(max_digits=9, decimal_places=1, help_text=_("期间内计入的学时。"))
    points = serializers.IntegerField(help_text=_("期间内计入的积分。"))
