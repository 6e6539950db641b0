"""Inbox and preference pages. Thin: reads through selectors, writes through services.

The mark-read actions are plain POST forms; with htmx they answer with the changed fragment plus an
out-of-band copy of the header badge, without JS they redirect back to where the user was.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import NotificationPreferencesForm
from .selectors import (
    notification_get,
    notification_list,
    notification_preferences,
    notification_unread_count,
)
from .services import notification_mark_all_read, notification_mark_read, notification_preferences_set

PAGE_SIZE = 20
FILTERS = ("all", "unread")


def _filter_from(data: dict) -> str:  # type: ignore[type-arg]
    value = data.get("filter", "all")
    return value if value in FILTERS else "all"


def _inbox_page(request: HttpRequest, *, filter_: str, page_number: str | None) -> Page:
    notifications = notification_list(user=request.user, unread_only=filter_ == "unread")  # type: ignore[arg-type]
    return Paginator(notifications, PAGE_SIZE).get_page(page_number)


def _inbox_context(request: HttpRequest, *, filter_: str, page: Page) -> dict:  # type: ignore[type-arg]
    return {
        "page_obj": page,
        "notifications": page.object_list,
        "filter": filter_,
        "filters": [("all", _("全部")), ("unread", _("未读"))],
        "unread_count": notification_unread_count(user=request.user),  # type: ignore[arg-type]
        "return_to": request.get_full_path() if request.method == "GET" else _safe_next(request),
    }


def _safe_next(request: HttpRequest) -> str:
    """Where a no-JS form post goes back to: the posted ``next`` if it is on this site, else the inbox."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("notifications:inbox")


@require_GET
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    filter_ = _filter_from(request.GET)
    page = _inbox_page(request, filter_=filter_, page_number=request.GET.get("page"))
    context = _inbox_context(request, filter_=filter_, page=page)
    if request.htmx and request.htmx.target == "notification-region":  # type: ignore[attr-defined]
        return render(request, "notifications/_inbox_region.html", context)
    return render(request, "notifications/inbox.html", context)


@require_POST
@login_required
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = notification_get(user=request.user, notification_id=pk)  # type: ignore[arg-type]
    if notification is None:
        raise Http404(_("没有找到这条通知。"))
    notification_mark_read(user=request.user, notification_id=notification.pk)  # type: ignore[arg-type]
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("已标记为已读。"))
        return HttpResponseRedirect(_safe_next(request))
    notification.refresh_from_db()
    return render(
        request,
        "notifications/_mark_read_response.html",
        {
            # In the "unread" view a read item leaves the list: answer with the badge only.
            "notification": None if _filter_from(request.POST) == "unread" else notification,
            "return_to": _safe_next(request),
            "filter": _filter_from(request.POST),
            "status_message": _("已将“%(title)s”标记为已读。") % {"title": notification.title},
            "unread_notification_count": notification_unread_count(user=request.user),  # type: ignore[arg-type]
        },
    )


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    changed = notification_mark_all_read(user=request.user)  # type: ignore[arg-type]
    status_message = (
        _("已将 %(count)d 条通知标记为已读。") % {"count": changed} if changed else _("没有未读通知。")
    )
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, status_message)
        return HttpResponseRedirect(_safe_next(request))
    filter_ = _filter_from(request.POST)
    page = _inbox_page(request, filter_=filter_, page_number=request.POST.get("page"))
    context = _inbox_context(request, filter_=filter_, page=page)
    context.update(status_message=status_message, unread_notification_count=context["unread_count"], oob=True)
    return render(request, "notifications/_inbox_region.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    current = notification_preferences(user=request.user)  # type: ignore[arg-type]
    if request.method == "POST":
        form = NotificationPreferencesForm(request.POST, preferences=current)
        if form.is_valid():
            notification_preferences_set(user=request.user, preferences=form.preferences())  # type: ignore[arg-type]
            messages.success(request, _("通知设置已保存。"))
            return redirect("notifications:preferences")
    else:
        form = NotificationPreferencesForm(preferences=current)
    context = {"form": form, "has_email": bool(request.user.email)}
    return render(request, "notifications/preferences.html", context)
