"""Video API: the tus 1.0 upload endpoint (core + creation, termination, expiration) and video resources.

tus in short — every request carries ``Tus-Resumable: 1.0.0``:

- ``POST /api/v1/media/uploads/`` with ``Upload-Length`` and ``Upload-Metadata`` (``filename``,
  ``title``; values in Base64) → 201 and ``Location`` of the upload;
- ``HEAD <location>`` → ``Upload-Offset``: how many bytes the server has;
- ``PATCH <location>`` with ``Upload-Offset`` and ``Content-Type: application/offset+octet-stream``
  → 204 and the new ``Upload-Offset``; 409 when the offset is not where the server is;
- ``DELETE <location>`` cancels an unfinished upload.

Session (with ``X-CSRFToken``) or token authentication; only masters, union staff and admins upload.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from config.errors import ApplicationError

from .. import conf, services
from ..models import UploadSession, Video
from ..selectors import video_get_managed, video_get_playable, videos_for_user
from .serializers import VideoManagerSerializer, VideoSerializer, VideoUpdateSerializer

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,termination,expiration"
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"


class CanUploadVideo(permissions.BasePermission):
    message = _("只有劳模工匠、工会干部和管理员可以上传视频。")

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method == "OPTIONS" or bool(request.user.has_perm("media.upload_video"))


def _int_header(request: Request, name: str) -> int:
    raw = request.headers.get(name, "")
    if not raw.isdigit():
        raise ApplicationError(_("缺少或无效的请求头 %(name)s（应为非负整数）。") % {"name": name})
    return int(raw)


class TusView(APIView):
    """Shared tus behaviour: version check, Tus-Resumable on every response, no body parsing."""

    parser_classes: list = []
    permission_classes = [permissions.IsAuthenticated, CanUploadVideo]

    def get_permissions(self) -> list[permissions.BasePermission]:
        if self.request.method == "OPTIONS":
            return [permissions.AllowAny()]
        return super().get_permissions()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method != "OPTIONS" and request.headers.get("Tus-Resumable") != TUS_VERSION:
            raise ApplicationError(
                _("不支持的 tus 协议版本，请使用 Tus-Resumable: %(v)s。") % {"v": TUS_VERSION}, status=412
            )

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Tus-Resumable"] = TUS_VERSION
        response["Cache-Control"] = "no-store"
        if response.status_code == 412:
            response["Tus-Version"] = TUS_VERSION
        data = getattr(response, "data", None)
        if isinstance(data, dict) and isinstance(data.get("offset"), int):
            response["Upload-Offset"] = str(data["offset"])
        return response

    def options(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = Response(status=status.HTTP_204_NO_CONTENT)
        response["Tus-Version"] = TUS_VERSION
        response["Tus-Extension"] = TUS_EXTENSIONS
        response["Tus-Max-Size"] = str(conf.upload_max_bytes())
        return response

    @staticmethod
    def _session_headers(response: Response, session: UploadSession) -> Response:
        response["Upload-Offset"] = str(services.upload_offset(session=session))
        response["Upload-Length"] = str(session.size)
        if not session.is_complete:
            response["Upload-Expires"] = http_date(session.expires_at.timestamp())
        response["X-Video-Id"] = str(session.video.uid)
        return response


class UploadCreateView(TusView):
    @extend_schema(
        operation_id="media_upload_create",
        summary=_("开始一次可续传上传（tus 1.0）"),
        description=_(
            "请求头 Upload-Length 为文件字节数，Upload-Metadata 为 Base64 编码的 filename 和 title。"
        ),
        request=None,
        parameters=[
            OpenApiParameter("Tus-Resumable", str, OpenApiParameter.HEADER, required=True),
            OpenApiParameter("Upload-Length", int, OpenApiParameter.HEADER, required=True),
            OpenApiParameter("Upload-Metadata", str, OpenApiParameter.HEADER),
        ],
        responses={
            201: OpenApiResponse(description=_("已创建；Location 为上传地址，X-Video-Id 为视频编号")),
            413: OpenApiResponse(description=_("文件超过大小上限")),
        },
    )
    def post(self, request: Request) -> Response:
        length = _int_header(request, "Upload-Length")
        metadata = services.tus_metadata_parse(request.headers.get("Upload-Metadata", ""))
        session = services.upload_create(owner=request.user, length=length, metadata=metadata)
        response = Response(status=status.HTTP_201_CREATED)
        response["Location"] = reverse("media-upload-detail", kwargs={"pk": session.pk}, request=request)
        return self._session_headers(response, session)


class UploadDetailView(TusView):
    def _session(self, request: Request, pk: Any) -> UploadSession:
        return services.upload_session_get(session_id=pk, owner=request.user)

    @extend_schema(
        operation_id="media_upload_offset",
        summary=_("查询已上传的字节数"),
        request=None,
        responses={200: None},
    )
    def head(self, request: Request, pk: Any) -> Response:
        return self._session_headers(Response(status=status.HTTP_200_OK), self._session(request, pk))

    @extend_schema(
        operation_id="media_upload_append",
        summary=_("从 Upload-Offset 处追加数据"),
        request={OFFSET_CONTENT_TYPE: {"type": "string", "format": "binary"}},
        responses={204: None, 409: OpenApiResponse(description=_("偏移量与服务器不一致"))},
    )
    def patch(self, request: Request, pk: Any) -> Response:
        if request.content_type.split(";")[0].strip() != OFFSET_CONTENT_TYPE:
            raise ApplicationError(
                _("Content-Type 必须是 %(type)s。") % {"type": OFFSET_CONTENT_TYPE}, status=415
            )
        offset = _int_header(request, "Upload-Offset")
        session = self._session(request, pk)
        raw_length = request.META.get("CONTENT_LENGTH") or ""
        length = int(raw_length) if raw_length.isdigit() else None
        django_request: HttpRequest = request._request
        session = services.upload_append(session=session, offset=offset, stream=django_request, length=length)
        return self._session_headers(Response(status=status.HTTP_204_NO_CONTENT), session)

    @extend_schema(
        operation_id="media_upload_cancel", summary=_("取消未完成的上传"), request=None, responses={204: None}
    )
    def delete(self, request: Request, pk: Any) -> Response:
        services.upload_terminate(session=self._session(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(exclude=True)
    def post(self, request: Request, pk: Any) -> Response:
        """X-HTTP-Method-Override for clients behind proxies that drop PATCH/DELETE (tus-js-client option)."""
        override = request.headers.get("X-HTTP-Method-Override", "").upper()
        if override == "PATCH":
            return self.patch(request, pk)
        if override == "DELETE":
            return self.delete(request, pk)
        raise ApplicationError(_("不支持的请求方法。"), status=405)


# --- videos -----------------------------------------------------------------------------------------
class VideoListView(ListAPIView):
    """Videos the caller manages (own uploads; union staff: their organisation subtree)."""

    serializer_class = VideoManagerSerializer

    def get_queryset(self) -> Any:
        return videos_for_user(user=self.request.user).prefetch_related("renditions", "subtitles")


class VideoDetailView(APIView):
    @extend_schema(responses={200: VideoManagerSerializer})
    def get(self, request: Request, uid: Any) -> Response:
        video = video_get_managed(user=request.user, uid=uid)
        if video is not None:
            return Response(VideoManagerSerializer(video, context={"request": request}).data)
        video = video_get_playable(user=request.user, uid=uid)
        if video is None:
            raise ApplicationError(_("视频不存在或没有权限查看。"), status=404)
        return Response(VideoSerializer(video, context={"request": request}).data)

    @extend_schema(request=VideoUpdateSerializer, responses={200: VideoManagerSerializer})
    def patch(self, request: Request, uid: Any) -> Response:
        video = _managed(request, uid)
        serializer = VideoUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        video = services.video_update(video=video, title=serializer.validated_data["title"])
        return Response(VideoManagerSerializer(video, context={"request": request}).data)


def _managed(request: Request, uid: Any) -> Video:
    video = video_get_managed(user=request.user, uid=uid)
    if video is None:
        raise ApplicationError(_("视频不存在或没有权限管理。"), status=404)
    return video


class VideoRetryView(APIView):
    @extend_schema(request=None, responses={202: VideoManagerSerializer}, summary=_("重试处理失败的视频"))
    def post(self, request: Request, uid: Any) -> Response:
        video = services.video_retry(video=_managed(request, uid), actor=request.user)
        return Response(VideoManagerSerializer(video, context={"request": request}).data, status=202)


class VideoRegenerateView(APIView):
    @extend_schema(
        request=None, responses={202: VideoManagerSerializer}, summary=_("从原始文件重新生成清晰度")
    )
    def post(self, request: Request, uid: Any) -> Response:
        video = services.video_regenerate(video=_managed(request, uid), actor=request.user)
        return Response(VideoManagerSerializer(video, context={"request": request}).data, status=202)


class SubtitleUploadView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary=_("上传字幕（SRT 或 WebVTT），同一语言会替换旧字幕"),
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {
                    "language": {"type": "string"},
                    "label": {"type": "string"},
                    "file": {"type": "string", "format": "binary"},
                },
            }
        },
        responses={201: VideoManagerSerializer},
    )
    def post(self, request: Request, uid: Any) -> Response:
        video = _managed(request, uid)
        upload = request.FILES.get("file")
        if upload is None:
            raise ApplicationError(_("请选择字幕文件。"))
        services.subtitle_set(
            video=video,
            language=request.data.get("language", ""),
            label=request.data.get("label", ""),
            content=upload.read(services.videos.SUBTITLE_MAX_BYTES + 1),
            filename=upload.name or "",
            actor=request.user,
        )
        video = get_object_or_404(Video, pk=video.pk)
        return Response(VideoManagerSerializer(video, context={"request": request}).data, status=201)
