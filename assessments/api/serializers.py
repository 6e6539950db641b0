from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.models import Attempt, Quiz


class QuizSerializer(serializers.ModelSerializer):
    studio = serializers.CharField(source="studio.name", default=None, read_only=True)
    question_count = serializers.SerializerMethodField()
    attempts_left = serializers.SerializerMethodField(help_text=_("还可开始的作答次数；null 表示不限次数。"))
    open_attempt = serializers.SerializerMethodField(help_text=_("未交卷的作答编号；没有则为 null。"))
    best_score = serializers.SerializerMethodField(help_text=_("最好成绩（百分制）；未交过卷为 null。"))
    passed = serializers.SerializerMethodField(help_text=_("是否已通过。"))
    take_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Quiz
        fields = [
            "id", "title", "description", "studio", "pass_mark", "max_attempts", "time_limit_minutes",
            "question_count", "attempts_left", "open_attempt", "best_score", "passed", "take_url",
        ]  # fmt: skip

    def get_question_count(self, quiz: Quiz) -> int:
        return quiz.questions.count()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_attempts_left(self, quiz: Quiz) -> int | None:
        return self.context["status"]["attempts_left"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_open_attempt(self, quiz: Quiz) -> int | None:
        attempt = self.context["status"]["open_attempt"]
        return attempt.pk if attempt else None

    @extend_schema_field(serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True))
    def get_best_score(self, quiz: Quiz) -> Any:
        best = self.context["status"]["best"]
        return str(best.score) if best else None

    def get_passed(self, quiz: Quiz) -> bool:
        best = self.context["status"]["best"]
        return bool(best and best.passed)


class ChoiceOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class QuestionOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    text = serializers.CharField()
    points = serializers.IntegerField()
    choices = ChoiceOutSerializer(many=True)
    answer = serializers.DictField(allow_null=True, help_text=_("已保存的答案：choices / boolean / text。"))


class AttemptSerializer(serializers.ModelSerializer):
    quiz = serializers.IntegerField(source="quiz_id", read_only=True)
    quiz_title = serializers.CharField(source="quiz.title", read_only=True)
    submitted = serializers.BooleanField(source="is_submitted", read_only=True)
    seconds_left = serializers.SerializerMethodField(help_text=_("限时测验剩余秒数；不限时为 null。"))

    class Meta:
        model = Attempt
        fields = [
            "id", "quiz", "quiz_title", "number", "started_at", "deadline_at", "submitted_at", "submitted",
            "seconds_left", "score", "points_earned", "points_possible", "passed", "timed_out",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_seconds_left(self, attempt: Attempt) -> int | None:
        return None if attempt.is_submitted else attempt.seconds_left()


class AttemptDetailSerializer(AttemptSerializer):
    questions = serializers.SerializerMethodField()

    class Meta(AttemptSerializer.Meta):
        fields = [*AttemptSerializer.Meta.fields, "questions"]
        read_only_fields = fields

    @extend_schema_field(QuestionOutSerializer(many=True))
    def get_questions(self, attempt: Attempt) -> list[dict[str, Any]]:
        return self.context["questions"]


class AnswerInSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text=_("题目编号。"))
    choices = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text=_("单选、多选题所选选项编号。")
    )
    boolean = serializers.BooleanField(required=False, allow_null=True, help_text=_("判断题：true 正确，false 错误。"))
    text = serializers.CharField(required=False, allow_blank=True, max_length=500, help_text=_("填空题答案。"))


class AnswersInSerializer(serializers.Serializer):
    answers = AnswerInSerializer(many=True, required=False, default=list)

    def to_payload(self) -> dict[int, dict[str, Any]]:
        payload: dict[int, dict[str, Any]] = {}
        for item in self.validated_data.get("answers", []):
            payload[item["question"]] = {k: v for k, v in item.items() if k != "question"}
        return payload


class ResultItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    points = serializers.IntegerField()
    points_awarded = serializers.DecimalField(max_digits=6, decimal_places=2)
    correct = serializers.BooleanField()
    answer = serializers.DictField(allow_null=True)
    key = serializers.DictField(allow_null=True, help_text=_("正确答案（测验设置为交卷后显示答案时）。"))
    explanation = serializers.CharField(allow_blank=True)


class AttemptResultSerializer(AttemptSerializer):
    items = serializers.SerializerMethodField()

    class Meta(AttemptSerializer.Meta):
        fields = [*AttemptSerializer.Meta.fields, "items"]
        read_only_fields = fields

    @extend_schema_field(ResultItemSerializer(many=True))
    def get_items(self, attempt: Attempt) -> list[dict[str, Any]]:
        return self.context["items"]
