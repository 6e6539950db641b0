"""Quiz API for the mobile app: a quiz's status, start an attempt, save answers, submit, the result.

A learner only ever reads their own attempts (anybody else's is a 404); answers sent to somebody else's
attempt or to a submitted one are refused with a Chinese message and change nothing (the services decide).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import services
from assessments.models import CHOICE_KINDS, Answer, Attempt, QuestionKind, Quiz
from assessments.selectors import (
    attempt_for_user,
    attempt_open,
    attempt_questions,
    attempts_left,
    quiz_available,
    quiz_best_result,
)

from .serializers import (
    AnswersInSerializer,
    AttemptDetailSerializer,
    AttemptResultSerializer,
    QuizSerializer,
)


def _quiz_or_404(pk: int) -> Quiz:
    quiz = quiz_available(pk=pk)
    if quiz is None:
        raise Http404(_("测验不存在或已关闭。"))
    return quiz


def _own_attempt_or_404(request: Request, pk: int) -> Attempt:
    attempt = attempt_for_user(user=request.user, pk=pk)
    if attempt is None:
        raise Http404(_("作答记录不存在。"))
    return attempt


def _answer_dict(answer: Answer | None, kind: str) -> dict[str, Any] | None:
    if answer is None:
        return None
    if kind in CHOICE_KINDS:
        return {"choices": sorted(c.pk for c in answer.selected_choices.all())}
    if kind == QuestionKind.TRUE_FALSE:
        return {"boolean": answer.boolean_answer}
    return {"text": answer.text_answer}


def _answers(attempt: Attempt) -> dict[int, Answer]:
    return {a.question_id: a for a in attempt.answers.prefetch_related("selected_choices")}


def _detail(attempt: Attempt) -> dict[str, Any]:
    saved = _answers(attempt)
    questions = [
        {
            "id": q.pk,
            "number": n,
            "kind": q.kind,
            "kind_label": str(q.get_kind_display()),
            "text": q.text,
            "points": q.points,
            "choices": [{"id": c.pk, "text": c.text} for c in choices],
            "answer": _answer_dict(saved.get(q.pk), q.kind),
        }
        for n, (q, choices) in enumerate(attempt_questions(attempt=attempt), start=1)
    ]
    return AttemptDetailSerializer(attempt, context={"questions": questions}).data


def _result(attempt: Attempt) -> dict[str, Any]:
    saved = _answers(attempt)
    reveal = attempt.quiz.show_answers
    items = []
    for n, (q, choices) in enumerate(attempt_questions(attempt=attempt), start=1):
        answer = saved.get(q.pk)
        key: dict[str, Any] | None = None
        if reveal:
            if q.kind in CHOICE_KINDS:
                key = {"choices": [c.pk for c in choices if c.is_correct]}
            elif q.kind == QuestionKind.TRUE_FALSE:
                key = {"boolean": q.true_false_answer}
            else:
                key = {"text": q.accepted_answer_list}
        items.append(
            {
                "id": q.pk,
                "number": n,
                "kind": q.kind,
                "text": q.text,
                "points": q.points,
                "points_awarded": answer.points_awarded if answer else 0,
                "correct": bool(answer and answer.is_correct),
                "answer": _answer_dict(answer, q.kind),
                "key": key,
                "explanation": q.explanation if reveal else "",
            }
        )
    return AttemptResultSerializer(attempt, context={"items": items}).data


class QuizDetailView(APIView):
    @extend_schema(
        summary=gettext_lazy("测验信息"),
        description=gettext_lazy("测验的规则和当前用户的状态：剩余次数、未交卷的作答、最好成绩。"),
        responses=QuizSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        quiz = _quiz_or_404(pk)
        context = {
            "status": {
                "attempts_left": attempts_left(user=request.user, quiz=quiz),
                "open_attempt": attempt_open(user=request.user, quiz=quiz),
                "best": quiz_best_result(user=request.user, quiz=quiz),
            }
        }
        return Response(QuizSerializer(quiz, context=context).data)


class AttemptStartView(APIView):
    @extend_schema(
        summary=gettext_lazy("开始作答"),
        description=gettext_lazy(
            "开始一次作答并返回题目（不含答案）；已有未交卷的作答时返回该作答（200）。次数用完返回 409。"
        ),
        request=None,
        responses={201: AttemptDetailSerializer, 200: AttemptDetailSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        quiz = _quiz_or_404(pk)
        existing = attempt_open(user=request.user, quiz=quiz)
        attempt = services.attempt_start(user=request.user, quiz=quiz)
        created = existing is None or existing.pk != attempt.pk
        return Response(_detail(attempt), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class AttemptDetailView(APIView):
    @extend_schema(
        summary=gettext_lazy("作答详情"),
        description=gettext_lazy("自己的一次作答：题目（按本次顺序，不含答案）、已保存的答案、剩余时间。"),
        responses=AttemptDetailSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(_own_attempt_or_404(request, pk)))


def _attempt_any(pk: int) -> Attempt:
    """Any attempt by id: the services refuse (403) someone else's, so the caller learns why."""
    attempt = Attempt.objects.select_related("quiz").filter(pk=pk).first()
    if attempt is None:
        raise Http404(_("作答记录不存在。"))
    return attempt


class AttemptAnswersView(APIView):
    @extend_schema(
        summary=gettext_lazy("保存答案"),
        description=gettext_lazy(
            "保存（或修改）未交卷作答的部分答案，不交卷。别人的作答返回 403，已交卷或超时返回 409，均不做任何修改。"
        ),
        request=AnswersInSerializer,
        responses=AttemptDetailSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        attempt = _attempt_any(pk)
        data = AnswersInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.attempt_answers_save(user=request.user, attempt=attempt, answers=data.to_payload())
        return Response(_detail(attempt))


class AttemptSubmitView(APIView):
    @extend_schema(
        summary=gettext_lazy("交卷"),
        description=gettext_lazy(
            "带上最后的答案（可选）交卷并评分，返回成绩。超过限时后交卷，随交卷提交的答案不计分。"
        ),
        request=AnswersInSerializer,
        responses=AttemptResultSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        attempt = _attempt_any(pk)
        data = AnswersInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        graded = services.attempt_submit(user=request.user, attempt=attempt, answers=data.to_payload())
        return Response(_result(graded))


class AttemptResultView(APIView):
    @extend_schema(
        summary=gettext_lazy("成绩"),
        description=gettext_lazy("自己已交卷作答的成绩、每题对错；测验允许时含正确答案和解析。未交卷返回 409。"),
        responses=AttemptResultSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        attempt = _own_attempt_or_404(request, pk)
        if not attempt.is_submitted:
            return Response({"detail": _("该次作答尚未交卷。")}, status=status.HTTP_409_CONFLICT)
        return Response(_result(attempt))
