"""Pages: my videos, the resumable upload page, a video's page (live status, player, subtitles).

Thin callers: reads through selectors, writes through services. The status fragment is polled by
htmx every 2 s while the video is being uploaded or processed and stops polling once it is finished.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import conf, services
from .forms import SubtitleForm
from .models import Video
from .selectors import (
    video_events,
    video_get_managed,
    video_get_playable,
    video_playback,
    video_subtitles,
    videos_for_user,
)

PAGE_SIZE = 20


def _managed_or_404(request: HttpRequest, uid: object) -> Video:
    video = video_get_managed(user=request.user, uid=uid)  # type: ignore[arg-type]
    if video is None:
        raise Http404(_("视频不存在或没有权限管理。"))
    return video


@require_GET
@login_required
def video_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(videos_for_user(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    return render(
        request,
        "media/video_list.html",
        {
            "page_obj": page,
            "videos": page.object_list,
            "can_upload": request.user.has_perm("media.upload_video"),
        },
    )


@require_GET
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("media.upload_video"):
        raise PermissionDenied(_("只有劳模工匠、工会干部和管理员可以上传视频。"))
    return render(request, "media/upload.html", upload_context(request))


def upload_context(request: HttpRequest) -> dict[str, object]:
    """What the upload widget needs (also used by the Wagtail admin's upload view)."""
    return {
        "endpoint": reverse("v1:media-upload-create"),
        "max_bytes": conf.upload_max_bytes(),
        "chunk_bytes": conf.upload_chunk_bytes(),
        "detail_url_template": reverse(
            "media:detail", kwargs={"uid": "00000000-0000-0000-0000-000000000000"}
        ),
        "strings": {
            "chooseFile": _("请先选择一个视频文件。"),
            "tooLarge": _("文件太大（{size}）：单个视频最大 {max}。"),
            "progress": _("已上传 {percent}%（{loaded} / {total}）"),
            "resuming": _("找到这个文件上次未完成的上传，从 {percent}% 处继续。"),
            "paused": _("已暂停。点“继续上传”会从断点继续。"),
            "done": _("上传完成，正在打开处理进度页面……"),
            "failed": _("上传出错：{reason}。点“继续上传”会从断点重试。"),
            "offline": _("网络已断开，恢复后会自动继续上传。"),
            "unknownError": _("网络或服务器错误"),
        },
    }


def _detail_context(request: HttpRequest, video: Video, *, can_manage: bool) -> dict[str, object]:
    return {
        "video": video,
        "can_manage": can_manage,
        "playback": video_playback(video=video),
        "subtitles": video_subtitles(video=video),
        "events": video_events(video=video)[:20] if can_manage else [],
        "subtitle_form": SubtitleForm() if can_manage else None,
    }


@require_GET
@login_required
def video_detail(request: HttpRequest, uid: object) -> HttpResponse:
    video = video_get_managed(user=request.user, uid=uid)  # type: ignore[arg-type]
    can_manage = video is not None
    if video is None:
        video = video_get_playable(user=request.user, uid=uid)  # type: ignore[arg-type]
    if video is None:
        raise Http404(_("视频不存在或没有权限查看。"))
    return render(request, "media/video_detail.html", _detail_context(request, video, can_manage=can_manage))


@require_GET
@login_required
def video_status(request: HttpRequest, uid: object) -> HttpResponse:
    """The live status fragment (htmx polls it); when processing has just finished the page reloads."""
    video = _managed_or_404(request, uid)
    response = render(request, "media/_status.html", {"video": video, "can_manage": True})
    if video.is_ready and request.GET.get("was") != "ready":
        response["HX-Refresh"] = "true"  # show the player that the page did not have yet
    return response


@require_POST
@login_required
def video_retry(request: HttpRequest, uid: object) -> HttpResponse:
    video = services.video_retry(video=_managed_or_404(request, uid), actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("已重新加入处理队列。"))
    return redirect("media:detail", uid=video.uid)


@require_POST
@login_required
def video_regenerate(request: HttpRequest, uid: object) -> HttpResponse:
    video = services.video_regenerate(video=_managed_or_404(request, uid), actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("将从原始文件重新生成各清晰度。"))
    return redirect("media:detail", uid=video.uid)


@require_POST
@login_required
def subtitle_add(request: HttpRequest, uid: object) -> HttpResponse:
    video = _managed_or_404(request, uid)
    form = SubtitleForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _detail_context(request, video, can_manage=True)
        context["subtitle_form"] = form
        return render(request, "media/video_detail.html", context, status=400)
    upload_file = form.cleaned_data["file"]
    services.subtitle_set(
        video=video,
        language=form.cleaned_data["language"],
        label=form.cleaned_data["label"]
        or str(dict(form.fields["language"].choices)[form.cleaned_data["language"]]),
        content=upload_file.read(services.videos.SUBTITLE_MAX_BYTES + 1),
        filename=upload_file.name or "",
        actor=request.user,  # type: ignore[arg-type]
    )
    messages.success(request, _("字幕已保存。"))
    return redirect("media:detail", uid=video.uid)


@require_POST
@login_required
def subtitle_remove(request: HttpRequest, uid: object, language: str) -> HttpResponse:
    video = _managed_or_404(request, uid)
    subtitle = video.subtitles.filter(language=language).first()
    if subtitle is None:
        raise Http404(_("没有这种语言的字幕。"))
    services.subtitle_delete(subtitle=subtitle)
    messages.success(request, _("字幕已删除。"))
    return redirect("media:detail", uid=video.uid)
