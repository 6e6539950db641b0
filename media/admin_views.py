"""The Wagtail admin's 视频 section: the videos a user manages (scoped per subtree), live progress,
upload with a progress bar, a video's status with ffmpeg's stderr tail, retry and regenerate.

Thin callers: reads through ``selectors``, writes through ``services``; registered in ``wagtail_hooks``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import services
from .models import Video, VideoStatus
from .selectors import video_events, video_get_managed, video_playback, video_subtitles, videos_for_user
from .views import upload_context

PAGE_SIZE = 25
MAX_PROGRESS_UIDS = 100


def _managed_or_404(request: HttpRequest, uid: object) -> Video:
    video = video_get_managed(user=request.user, uid=uid)  # type: ignore[arg-type]
    if video is None:
        raise Http404(_("视频不存在或没有权限管理。"))
    return video


def progress_payload(video: Video) -> dict[str, Any]:
    """What the live progress bars show (also the JSON the admin page polls)."""
    return {
        "status": video.status,
        "status_display": str(video.get_status_display()),
        "stage_display": "" if video.is_finished else str(video.get_stage_display()),
        "percent": video.percent,
        "finished": video.is_finished,
        "error": video.error_reason,
    }


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    videos = videos_for_user(user=request.user)  # type: ignore[arg-type]
    status = request.GET.get("status", "")
    if status in VideoStatus.values:
        videos = videos.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        videos = videos.filter(title__icontains=query) | videos.filter(original_name__icontains=query)
    page = Paginator(videos, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "media/admin/index.html",
        {
            "page_obj": page,
            "videos": page.object_list,
            "statuses": VideoStatus.choices,
            "status": status,
            "query": query,
            "can_upload": request.user.has_perm("media.upload_video"),
            "progress_url": reverse("media_admin:progress"),
        },
    )


@require_GET
def progress(request: HttpRequest) -> JsonResponse:
    """Live status of the listed videos: ``?uid=…&uid=…`` → {uid: {status, percent, …}} (managed only)."""
    uids = request.GET.getlist("uid")[:MAX_PROGRESS_UIDS]
    videos = videos_for_user(user=request.user).filter(uid__in=_valid_uids(uids))  # type: ignore[arg-type]
    return JsonResponse({str(video.uid): progress_payload(video) for video in videos})


def _valid_uids(values: list[str]) -> list[str]:
    import uuid

    valid = []
    for value in values:
        try:
            valid.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return valid


@require_GET
def upload(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("media.upload_video"):
        raise PermissionDenied(_("只有劳模工匠、工会干部和管理员可以上传视频。"))
    context = upload_context(request)
    context["detail_url_template"] = reverse(
        "media_admin:detail", kwargs={"uid": "00000000-0000-0000-0000-000000000000"}
    )
    return render(request, "media/admin/upload.html", context)


@require_GET
def detail(request: HttpRequest, uid: object) -> HttpResponse:
    video = _managed_or_404(request, uid)
    return render(
        request,
        "media/admin/detail.html",
        {
            "video": video,
            "playback": video_playback(video=video),
            "subtitles": video_subtitles(video=video),
            "events": video_events(video=video)[:30],
            "progress_url": reverse("media_admin:progress"),
        },
    )


def _action(request: HttpRequest, uid: object, action: Any, done: str) -> HttpResponse:
    video = _managed_or_404(request, uid)
    action(video=video, actor=request.user)  # ApplicationError → a message (config.errors middleware)
    messages.success(request, done)
    return redirect("media_admin:detail", uid=video.uid)


@require_POST
def retry(request: HttpRequest, uid: object) -> HttpResponse:
    return _action(request, uid, services.video_retry, _("已重新加入处理队列。"))


@require_POST
def regenerate(request: HttpRequest, uid: object) -> HttpResponse:
    return _action(request, uid, services.video_regenerate, _("将从原始文件重新生成各清晰度。"))
