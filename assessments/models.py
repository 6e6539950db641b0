"""Quizzes (测验): questions of four kinds, attempts graded on the server, and the answers given.

The assessments app knows a ``Quiz`` and nothing about what uses it (a lesson, a course, a mentorship
plan): features link to ``assessments:quiz_take`` and listen to ``assessments.signals.attempt_passed``.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

_SPACES = re.compile(r"\s+")


def answer_normalise(text: str) -> str:
    """The comparable form of a typed answer: full-width → half-width (NFKC), case folded, no spaces.

    “ＡＢＣ　１２” , “abc 12” and “A B C12” all become “abc12”; Chinese punctuation such as “，” becomes “,”.
    """
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or "").casefold())


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选题")
    MULTIPLE = "multiple", _("多选题")
    TRUE_FALSE = "true_false", _("判断题")
    FILL_IN = "fill_in", _("填空题")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class Quiz(ClusterableModel):
    title = models.CharField(_("测验名称"), max_length=200, help_text=_("例如“数控车床安全操作规程测验”。"))
    description = models.TextField(
        _("说明"), blank=True, help_text=_("开始答题前显示给学员的说明，例如考查范围和注意事项。")
    )
    studio = models.ForeignKey(
        "studios.Studio",
        verbose_name=_("所属工作室"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quizzes",
        help_text=_("出题的创新工作室；劳模工匠只能编辑本工作室的测验。"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("所属组织"),
        on_delete=models.PROTECT,
        related_name="quizzes",
        help_text=_("测验归属的工会组织；工会干部可管理本组织及下级组织的测验。选择工作室时默认取工作室所属组织。"),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("及格线（%）"),
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("得分率达到该百分比即为通过，0–100。"),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("答题次数上限"), default=0, help_text=_("每位学员最多可作答的次数；0 表示不限次数。")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("限时（分钟）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("从开始答题起计时，超时后服务器不再接受答案；留空表示不限时。"),
    )
    shuffle_questions = models.BooleanField(
        _("题目乱序"), default=False, help_text=_("每次作答时打乱题目顺序。")
    )
    shuffle_choices = models.BooleanField(
        _("选项乱序"), default=False, help_text=_("每次作答时打乱单选题、多选题的选项顺序。")
    )
    show_answers = models.BooleanField(
        _("交卷后显示答案与解析"),
        default=True,
        help_text=_("交卷后在成绩页显示每题的正确答案和解析；关闭后只显示对错。"),
    )
    is_active = models.BooleanField(
        _("开放作答"), default=True, help_text=_("关闭后学员不能再开始新的作答，已有成绩保留。")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("创建该测验的用户。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, help_text=_("测验创建的时间。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, help_text=_("测验最后修改的时间。"))

    class Meta:
        verbose_name = _("测验")
        verbose_name_plural = _("测验")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments:quiz_take", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.studio_id and not self.organisation_id:
            self.organisation = self.studio.organisation

    @property
    def time_limit(self) -> datetime.timedelta | None:
        return datetime.timedelta(minutes=self.time_limit_minutes) if self.time_limit_minutes else None

    @property
    def attempts_unlimited(self) -> bool:
        return self.max_attempts == 0


class Question(ClusterableModel, Orderable):
    quiz = ParentalKey(Quiz, verbose_name=_("测验"), on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        _("题型"),
        max_length=20,
        choices=QuestionKind.choices,
        default=QuestionKind.SINGLE,
        help_text=_("单选、多选题在下方添加选项并勾选正确项；判断题设置“判断题答案”；填空题填写可接受的答案。"),
    )
    text = models.TextField(_("题干"), help_text=_("题目内容。"))
    points = models.PositiveSmallIntegerField(
        _("分值"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("答对得到的分数；多选题须全部选对才得分。"),
    )
    true_false_answer = models.BooleanField(
        _("判断题答案"),
        null=True,
        blank=True,
        help_text=_("仅判断题：该说法是否正确。"),
    )
    accepted_answers = models.TextField(
        _("可接受的答案"),
        blank=True,
        help_text=_("仅填空题：每行一个可接受的答案；比较时忽略全角半角、大小写和空格。"),
    )
    explanation = models.TextField(
        _("解析"), blank=True, help_text=_("交卷后显示的解析，说明为什么这样答。")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("题目")
        verbose_name_plural = _("题目")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def accepted_answer_list(self) -> list[str]:
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]

    def clean(self) -> None:
        super().clean()
        if self.kind == QuestionKind.TRUE_FALSE and self.true_false_answer is None:
            raise ValidationError({"true_false_answer": _("判断题必须设置答案（正确或错误）。")})
        if self.kind == QuestionKind.FILL_IN and not self.accepted_answer_list:
            raise ValidationError({"accepted_answers": _("填空题至少需要一个可接受的答案。")})


class Choice(Orderable):
    question = ParentalKey(Question, verbose_name=_("题目"), on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("选项内容"), max_length=300, help_text=_("选项文字。"))
    is_correct = models.BooleanField(_("正确选项"), default=False, help_text=_("勾选表示这是正确答案之一。"))

    class Meta(Orderable.Meta):
        verbose_name = _("选项")
        verbose_name_plural = _("选项")

    def __str__(self) -> str:
        return self.text


class Attempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("学员"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        help_text=_("作答的学员。"),
    )
    quiz = models.ForeignKey(
        Quiz, verbose_name=_("测验"), on_delete=models.CASCADE, related_name="attempts", help_text=_("所答测验。")
    )
    number = models.PositiveSmallIntegerField(_("第几次作答"), default=1, help_text=_("该学员在该测验上的第几次作答。"))
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now, help_text=_("开始作答的时间。"))
    deadline_at = models.DateTimeField(
        _("截止时间"), null=True, blank=True, help_text=_("限时测验的交卷截止时间，由服务器按开始时间计算。")
    )
    submitted_at = models.DateTimeField(
        _("交卷时间"), null=True, blank=True, help_text=_("交卷（或超时自动交卷）的时间；未交卷为空。")
    )
    question_order = models.JSONField(
        _("题目顺序"),
        default=list,
        blank=True,
        help_text=_("本次作答的题目及选项顺序：[{\"q\": 题目编号, \"c\": [选项编号…]}…]。"),
    )
    points_earned = models.DecimalField(
        _("得分"), max_digits=7, decimal_places=2, null=True, blank=True, help_text=_("答对题目的分值之和。")
    )
    points_possible = models.DecimalField(
        _("总分"), max_digits=7, decimal_places=2, null=True, blank=True, help_text=_("本次作答全部题目的分值之和。")
    )
    score = models.DecimalField(
        _("得分率（%）"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("得分占总分的百分比，交卷后计算。"),
    )
    passed = models.BooleanField(_("是否通过"), null=True, blank=True, help_text=_("得分率是否达到及格线；未交卷为空。"))
    timed_out = models.BooleanField(
        _("超时交卷"), default=False, help_text=_("超过限时后由服务器自动交卷。")
    )

    class Meta:
        verbose_name = _("作答记录")
        verbose_name_plural = _("作答记录")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="assessments_one_open_attempt_per_user_quiz",
                violation_error_message=_("该测验已有一次未交卷的作答。"),
            ),
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="assessments_attempt_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["user", "quiz", "-started_at"], name="assess_attempt_user_quiz")]

    def __str__(self) -> str:
        return _("%(user)s 第 %(number)s 次作答《%(quiz)s》") % {
            "user": self.user,
            "number": self.number,
            "quiz": self.quiz,
        }

    def get_absolute_url(self) -> str:
        if self.is_submitted:
            return reverse("assessments:attempt_result", kwargs={"pk": self.pk})
        return reverse("assessments:attempt_take", kwargs={"pk": self.pk})

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def is_expired(self, *, now: datetime.datetime | None = None) -> bool:
        return self.deadline_at is not None and (now or timezone.now()) > self.deadline_at

    def seconds_left(self, *, now: datetime.datetime | None = None) -> int | None:
        if self.deadline_at is None:
            return None
        return max(0, int((self.deadline_at - (now or timezone.now())).total_seconds()))

    @property
    def question_ids(self) -> list[int]:
        return [int(item["q"]) for item in self.question_order]


class Answer(models.Model):
    attempt = models.ForeignKey(
        Attempt, verbose_name=_("作答记录"), on_delete=models.CASCADE, related_name="answers", help_text=_("所属作答。")
    )
    question = models.ForeignKey(
        Question, verbose_name=_("题目"), on_delete=models.CASCADE, related_name="answers", help_text=_("所答题目。")
    )
    selected_choices = models.ManyToManyField(
        Choice, verbose_name=_("所选选项"), blank=True, related_name="+", help_text=_("单选、多选题选中的选项。")
    )
    boolean_answer = models.BooleanField(_("判断"), null=True, blank=True, help_text=_("判断题的回答。"))
    text_answer = models.CharField(_("填写内容"), max_length=500, blank=True, help_text=_("填空题填写的内容。"))
    is_correct = models.BooleanField(_("是否正确"), null=True, blank=True, help_text=_("交卷时判定；未判定为空。"))
    points_awarded = models.DecimalField(
        _("得分"), max_digits=6, decimal_places=2, default=Decimal("0"), help_text=_("本题得分。")
    )
    answered_at = models.DateTimeField(_("作答时间"), auto_now=True, help_text=_("最后一次保存本题答案的时间。"))

    class Meta:
        verbose_name = _("答案")
        verbose_name_plural = _("答案")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="assessments_answer_once_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id}"
