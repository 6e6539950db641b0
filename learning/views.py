"""Learner pages outside the page tree: “我的学习” and the enrol action (thin callers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import CoursePage


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/my_learning.html", {"data": selectors.my_learning(user=request.user)})


@login_required
@require_POST
def enroll(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    enrollment = services.course_enroll(user=request.user, course=course)
    messages.success(request, _("已报名《%(title)s》，现在就开始学习吧。") % {"title": course.title})
    first = enrollment.last_lesson or selectors.course_lessons(course=course).first()
    return HttpResponseRedirect(first.url if first is not None else course.url)
