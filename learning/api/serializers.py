"""Payloads of the learning API; every refusal is a Chinese message and nothing is written."""

from __future__ import annotations

import math
import uuid
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .. import conf
from ..models import CourseAssignment, CoursePage, Enrollment, LedgerEntry, LessonProgress
from ..services import Heartbeat, LessonPlayback

MAX_INTERVALS = 50
MAX_MEDIA_SECONDS = 24 * 3600


class IntervalField(serializers.ListField):
    child = serializers.FloatField()
    default_error_messages = {"shape": _("每个播放区间必须是 [开始秒数, 结束秒数]，且开始不大于结束、均不小于 0。")}

    def to_internal_value(self, data: Any) -> tuple[float, float]:
        values = super().to_internal_value(data)
        if len(values) != 2:
            self.fail("shape")
        start, end = values
        if not (math.isfinite(start) and math.isfinite(end)) or start < 0 or end < start or end > MAX_MEDIA_SECONDS:
            self.fail("shape")
        return (start, end)


class HeartbeatSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=_("客户端生成的唯一编号（UUID）；重发同一心跳只计一次。"))
    lesson = serializers.IntegerField(min_value=1, help_text=_("视频课时的编号。"))
    sent_at = serializers.DateTimeField(help_text=_("客户端记录心跳的时间（ISO 8601，带时区）。"))
    intervals = serializers.ListField(
        child=IntervalField(), max_length=MAX_INTERVALS, allow_empty=True,
        help_text=_("自上次心跳以来实际播放过的区间（视频中的秒数），来自 video.played 的增量。"),
    )
    position = serializers.FloatField(min_value=0, max_value=MAX_MEDIA_SECONDS, help_text=_("当前播放位置（秒）。"))
    rate = serializers.FloatField(min_value=0.0625, max_value=16, help_text=_("当前播放倍速。"))
    visibility = serializers.ChoiceField(
        choices=[("visible", _("可见")), ("hidden", _("后台"))], help_text=_("页面可见状态：hidden 时不计学习时间。")
    )
    device = serializers.CharField(max_length=64, required=False, allow_blank=True, default="", help_text=_("设备编号。"))

    def validate_position(self, value: float) -> float:
        if not math.isfinite(value):
            raise serializers.ValidationError(_("播放位置必须是有效数字。"))
        return value

    def to_heartbeat(self) -> Heartbeat:
        return heartbeat_from(self.validated_data)


_SENT_AT = serializers.DateTimeField()  # stateless: parses and localises like HeartbeatSerializer's field
_VISIBILITY = {"visible": True, "hidden": False}
_INT_MAX = 2**31 - 1


def _number(value: Any, low: float, high: float) -> float | None:
    if type(value) not in (int, float) or not math.isfinite(value) or not low <= value <= high:
        return None
    return float(value)


def heartbeat_parse(data: Any) -> Heartbeat | None:
    """The usual, well-formed heartbeat read without building a HeartbeatSerializer (that costs as much as the
    rest of the request): exactly the values the serializer would give, or None whenever the serializer has
    to decide — anything unusual (strings for numbers, blanks, …) and every error, so refusals keep its
    Chinese messages. tests/learning/test_heartbeat_parse.py holds the two to the same answers."""
    if type(data) is not dict:
        return None
    try:
        client_id = uuid.UUID(hex=data["id"]) if type(data["id"]) is str else None
        lesson, sent_at, intervals = data["lesson"], data["sent_at"], data["intervals"]
        position = _number(data["position"], 0.0, MAX_MEDIA_SECONDS)
        rate = _number(data["rate"], 0.0625, 16.0)
        visible = _VISIBILITY.get(data["visibility"]) if type(data["visibility"]) is str else None
        device = data.get("device", "")
    except (KeyError, ValueError):
        return None
    if client_id is None or type(lesson) is not int or not 1 <= lesson <= _INT_MAX or type(sent_at) is not str:
        return None
    if position is None or rate is None or visible is None or type(device) is not str:
        return None
    if len(device) > 64 or not device.isprintable():
        return None
    if type(intervals) is not list or len(intervals) > MAX_INTERVALS:
        return None
    spans = []
    for span in intervals:
        if type(span) is not list or len(span) != 2:
            return None
        start, end = _number(span[0], 0.0, MAX_MEDIA_SECONDS), _number(span[1], 0.0, MAX_MEDIA_SECONDS)
        if start is None or end is None or end < start:
            return None
        spans.append((start, end))
    try:
        when = _SENT_AT.to_internal_value(sent_at)
    except serializers.ValidationError:
        return None
    return Heartbeat(
        client_id=client_id, lesson_id=lesson, sent_at=when, intervals=tuple(spans), position=position, rate=rate,
        visible=visible, device=device.strip(),
    )


def heartbeat_from(data: dict[str, Any]) -> Heartbeat:
    return Heartbeat(
        client_id=data["id"], lesson_id=data["lesson"], sent_at=data["sent_at"],
        intervals=tuple(data["intervals"]), position=data["position"], rate=data["rate"],
        visible=data["visibility"] == "visible", device=data.get("device", ""),
    )


class HeartbeatBatchSerializer(serializers.Serializer):
    heartbeats = HeartbeatSerializer(many=True, help_text=_("离线期间积存的心跳，按任意顺序。"))

    def validate_heartbeats(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not value:
            raise serializers.ValidationError(_("没有收到任何心跳记录。"))
        if len(value) > conf.batch_max():
            raise serializers.ValidationError(_("一次最多补传 %(n)d 条心跳，请分批上传。") % {"n": conf.batch_max()})
        return value

    def to_heartbeats(self) -> list[Heartbeat]:
        return [heartbeat_from(item) for item in self.validated_data["heartbeats"]]


class PlaybackSerializer(serializers.Serializer):
    """The answer to a heartbeat (documents the schema; ``playback_data`` builds the same dict faster)."""

    lesson = serializers.IntegerField(source="lesson_id")
    duration = serializers.FloatField()
    played_seconds = serializers.FloatField()
    played_percent = serializers.IntegerField()
    position = serializers.FloatField()
    completed = serializers.BooleanField()
    credited_seconds = serializers.FloatField()
    accepted = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    outcomes = serializers.ListField(child=serializers.CharField())


def playback_data(playback: LessonPlayback) -> dict[str, Any]:
    """``PlaybackSerializer(playback).data`` without building a serializer (the heartbeat answer, every ~10 s
    per learner); tests/learning/test_heartbeat_api.py checks both give the same document."""
    return {
        "lesson": int(playback.lesson_id), "duration": float(playback.duration),
        "played_seconds": float(playback.played_seconds), "played_percent": int(playback.played_percent),
        "position": float(playback.position), "completed": bool(playback.completed),
        "credited_seconds": float(playback.credited_seconds), "accepted": int(playback.accepted),
        "duplicates": int(playback.duplicates), "outcomes": [str(outcome) for outcome in playback.outcomes],
    }  # fmt: skip


class CourseSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True)
    studio = serializers.CharField(source="studio.name", read_only=True)
    tags = serializers.SerializerMethodField()
    lesson_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = CoursePage
        fields = ["id", "title", "url", "summary", "studio", "trade", "tags", "level", "credit_hours", "lesson_count"]

    def get_tags(self, course: CoursePage) -> list[str]:
        return [tag.name for tag in course.tags.all()]


class CourseListParamsSerializer(serializers.Serializer):
    trade = serializers.CharField(required=False, allow_blank=True, max_length=60)
    tag = serializers.CharField(required=False, allow_blank=True, max_length=100)
    level = serializers.CharField(required=False, allow_blank=True, max_length=20)
    studio = serializers.CharField(required=False, allow_blank=True, max_length=60)
    q = serializers.CharField(required=False, allow_blank=True, max_length=50)


class EnrollmentSerializer(serializers.ModelSerializer):
    course = CourseSerializer(read_only=True)
    completed = serializers.BooleanField(source="is_completed", read_only=True)
    last_lesson = serializers.IntegerField(source="last_lesson_id", read_only=True, allow_null=True)

    class Meta:
        model = Enrollment
        fields = [
            "id", "course", "source", "enrolled_at", "progress_percent", "completed", "completed_at",
            "hours_awarded", "last_lesson", "last_activity_at",
        ]


class RequiredCourseSerializer(serializers.Serializer):
    course = CourseSerializer(source="assignment.course")
    due_on = serializers.DateField(source="assignment.due_on")
    note = serializers.CharField(source="assignment.note")
    organisation = serializers.CharField(source="assignment.organisation.name")
    progress_percent = serializers.IntegerField()
    completed = serializers.BooleanField(source="is_completed")
    overdue = serializers.BooleanField(source="is_overdue")
    due_soon = serializers.BooleanField(source="is_due_soon")


class MyLearningSerializer(serializers.Serializer):
    required = RequiredCourseSerializer(many=True)
    in_progress = EnrollmentSerializer(many=True)
    completed = EnrollmentSerializer(many=True)
    hours_this_year = serializers.DecimalField(max_digits=7, decimal_places=1)
    seconds_this_year = serializers.FloatField()
    points_this_year = serializers.IntegerField()
    points_today = serializers.IntegerField()
    points_daily_cap = serializers.IntegerField()


class LessonProgressSerializer(serializers.ModelSerializer):
    lesson = serializers.IntegerField(source="lesson_id")

    class Meta:
        model = LessonProgress
        fields = [
            "lesson", "status", "played_seconds", "position", "pages_seen", "page_count", "read_percent",
            "completed_at", "updated_at",
        ]


class CourseProgressSerializer(serializers.Serializer):
    course = serializers.IntegerField(source="course.pk")
    enrolled = serializers.BooleanField()
    progress_percent = serializers.IntegerField()
    completed = serializers.BooleanField()
    lessons = LessonProgressSerializer(many=True)


class ResumeSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    position = serializers.FloatField()
    played_percent = serializers.IntegerField()
    completed = serializers.BooleanField()


class DocumentPagesSerializer(serializers.Serializer):
    pages = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=5000, help_text=_("看过的页码。")
    )
    page_count = serializers.IntegerField(min_value=1, max_value=5000, help_text=_("文档总页数。"))


class TextReadSerializer(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100, help_text=_("读到的位置（%）。"))


class LedgerEntrySerializer(serializers.ModelSerializer):
    course = serializers.CharField(source="course.title", default="")
    lesson = serializers.CharField(source="lesson.title", default="")

    class Meta:
        model = LedgerEntry
        fields = ["day", "kind", "points_requested", "points", "hours", "seconds", "course", "lesson", "created_at"]


class AssignmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourseAssignment
        fields = ["id", "course", "organisation", "due_on", "note"]
