"""Pages for learners: a quiz's start page, answering (one question per screen on a phone), the result.

Thin callers: reads through selectors, writes through services; every write checks the attempt is the
user's own and open (the services refuse anything else with a Chinese message, writing nothing).
Other apps link to ``assessments:quiz_take`` with ``?next=<url on this site>``: after the result the
learner is offered the way back.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.errors import ApplicationError

from . import services
from .models import CHOICE_KINDS, Attempt, Question, QuestionKind, Quiz
from .selectors import (
    attempt_for_user,
    attempt_open,
    attempt_questions,
    attempts_left,
    attempts_of_user,
    quiz_available,
    quiz_best_result,
)

PAGE_SIZE = 20


def safe_next(request: HttpRequest) -> str:
    """The ``next`` parameter when it points at this site, else an empty string."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _quiz_or_404(pk: int) -> Quiz:
    quiz = quiz_available(pk=pk)
    if quiz is None:
        raise Http404(_("测验不存在或已关闭。"))
    return quiz


def _own_attempt_or_404(request: HttpRequest, pk: int) -> Attempt:
    attempt = attempt_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    if attempt is None:
        raise Http404(_("作答记录不存在。"))
    return attempt


def answers_from_post(*, attempt: Attempt, data: QueryDict) -> dict[int, dict[str, Any]]:
    """The answers of the questions shown on the submitted screen (hidden ``shown`` fields)."""
    shown = set()
    for value in data.getlist("shown"):
        try:
            shown.add(int(value))
        except ValueError as exc:
            raise ApplicationError(_("题目编号不正确。")) from exc
    kinds = dict(Question.objects.filter(quiz=attempt.quiz, pk__in=shown).values_list("pk", "kind"))
    answers: dict[int, dict[str, Any]] = {}
    for qid in shown:
        kind = kinds.get(qid)
        if kind is None:
            raise ApplicationError(_("题目不属于本次作答。"))
        field = f"q{qid}"
        if kind in CHOICE_KINDS:
            answers[qid] = {"choices": data.getlist(field)}
        elif kind == QuestionKind.TRUE_FALSE:
            answers[qid] = {"boolean": data.get(field, "")}
        else:
            answers[qid] = {"text": data.get(field, "")}
    return answers


@require_GET
def quiz_take(request: HttpRequest, pk: int) -> HttpResponse:
    """The quiz's start page: what it is, the rules, the learner's best result, and the start button."""
    quiz = _quiz_or_404(pk)
    next_url = safe_next(request)
    user = request.user
    context: dict[str, Any] = {
        "quiz": quiz,
        "next_url": next_url,
        "question_count": quiz.questions.count(),
        "open_attempt": None,
        "best": None,
        "attempts_left": quiz.max_attempts or None,
        "history": [],
    }
    if user.is_authenticated:
        context.update(
            open_attempt=attempt_open(user=user, quiz=quiz),  # type: ignore[arg-type]
            best=quiz_best_result(user=user, quiz=quiz),  # type: ignore[arg-type]
            attempts_left=attempts_left(user=user, quiz=quiz),  # type: ignore[arg-type]
            history=list(attempts_of_user(user=user, quiz=quiz).filter(submitted_at__isnull=False)[:10]),  # type: ignore[arg-type]
        )
    return render(request, "assessments/quiz_take.html", context)


@require_POST
@login_required
def quiz_start(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = _quiz_or_404(pk)
    next_url = safe_next(request)
    try:
        attempt = services.attempt_start(user=request.user, quiz=quiz)  # type: ignore[arg-type]
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_with_next(reverse("assessments:quiz_take", kwargs={"pk": quiz.pk}), next_url))
    return redirect(_with_next(reverse("assessments:attempt_take", kwargs={"pk": attempt.pk}), next_url))


@require_GET
@login_required
def attempt_take(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt_or_404(request, pk)
    next_url = safe_next(request)
    if attempt.is_submitted:
        return redirect(_with_next(reverse("assessments:attempt_result", kwargs={"pk": attempt.pk}), next_url))
    if attempt.is_expired(now=timezone.now() - services.SUBMIT_GRACE):
        services.attempt_grade(attempt=attempt, timed_out=True)
        messages.warning(request, _("答题时间已到，系统已按到时前保存的答案自动交卷。"))
        return redirect(_with_next(reverse("assessments:attempt_result", kwargs={"pk": attempt.pk}), next_url))
    saved = {a.question_id: a for a in attempt.answers.prefetch_related("selected_choices")}
    items = []
    for number, (question, choices) in enumerate(attempt_questions(attempt=attempt), start=1):
        answer = saved.get(question.pk)
        items.append(
            {
                "number": number,
                "question": question,
                "choices": choices,
                "selected": {c.pk for c in answer.selected_choices.all()} if answer else set(),
                "boolean": answer.boolean_answer if answer else None,
                "text": answer.text_answer if answer else "",
                "answered": answer is not None,
            }
        )
    return render(
        request,
        "assessments/attempt_take.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "items": items,
            "next_url": next_url,
            "seconds_left": attempt.seconds_left(),
            "kinds": QuestionKind,
            "strings": {
                "progress": _("第 {n} / {total} 题 · 已答 {answered} 题"),
                "goTo": _("转到第 {n} 题"),
                "saving": _("正在保存……"),
                "saved": _("已保存"),
                "saveFailed": _("保存失败，请重试。"),
                "offline": _("网络不通，答案暂未保存；恢复网络后再改动一下即可保存。"),
                "confirmMissing": _("还有 {count} 题未作答，确定交卷吗？"),
                "timeLeft": _("剩余 {time}"),
                "timeUp": _("时间到，正在交卷……"),
            },
        },
    )


@require_POST
@login_required
def attempt_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave of one screen (fetch from attempt.js): JSON in, JSON out, errors as a Chinese message."""
    attempt = attempt_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    if attempt is None:
        return JsonResponse({"detail": _("这不是您的作答记录，不能提交答案。")}, status=403)
    try:
        answers = answers_from_post(attempt=attempt, data=request.POST)
        attempt = services.attempt_answers_save(user=request.user, attempt=attempt, answers=answers)  # type: ignore[arg-type]
    except ApplicationError as error:
        payload: dict[str, Any] = {"detail": error.message}
        attempt.refresh_from_db()
        if attempt.is_submitted:
            payload["result_url"] = reverse("assessments:attempt_result", kwargs={"pk": attempt.pk})
        return JsonResponse(payload, status=error.status)
    return JsonResponse({"saved": sorted(answers), "seconds_left": attempt.seconds_left()})


@require_POST
@login_required
def attempt_submit(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    next_url = safe_next(request)
    if attempt is None:
        messages.error(request, _("这不是您的作答记录，不能提交答案。"))
        return redirect("assessments:my_attempts")
    result_url = _with_next(reverse("assessments:attempt_result", kwargs={"pk": attempt.pk}), next_url)
    try:
        answers = answers_from_post(attempt=attempt, data=request.POST)
        attempt = services.attempt_submit(user=request.user, attempt=attempt, answers=answers)  # type: ignore[arg-type]
    except ApplicationError as error:
        messages.error(request, error.message)
        attempt.refresh_from_db()
        if attempt.is_submitted:
            return redirect(result_url)
        return redirect(_with_next(reverse("assessments:attempt_take", kwargs={"pk": attempt.pk}), next_url))
    if attempt.timed_out:
        messages.warning(request, _("提交时已超过答题时限，只计算到时前保存的答案。"))
    return redirect(result_url)


@require_GET
@login_required
def attempt_result(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt_or_404(request, pk)
    next_url = safe_next(request)
    if not attempt.is_submitted:
        return redirect(_with_next(reverse("assessments:attempt_take", kwargs={"pk": attempt.pk}), next_url))
    answers = {a.question_id: a for a in attempt.answers.prefetch_related("selected_choices")}
    items = []
    for number, (question, choices) in enumerate(attempt_questions(attempt=attempt), start=1):
        answer = answers.get(question.pk)
        items.append(
            {
                "number": number,
                "question": question,
                "choices": choices,
                "answer": answer,
                "selected": {c.pk for c in answer.selected_choices.all()} if answer else set(),
                "correct": bool(answer and answer.is_correct),
            }
        )
    quiz = attempt.quiz
    return render(
        request,
        "assessments/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "items": items,
            "next_url": next_url,
            "attempts_left": attempts_left(user=request.user, quiz=quiz),  # type: ignore[arg-type]
            "can_retry": quiz.is_active and attempts_left(user=request.user, quiz=quiz) != 0,  # type: ignore[arg-type]
            "show_answers": quiz.show_answers,
        },
    )


@require_GET
@login_required
def my_attempts(request: HttpRequest) -> HttpResponse:
    page = Paginator(attempts_of_user(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    return render(request, "assessments/my_attempts.html", {"page_obj": page, "attempts": page.object_list})
