"""/api/v1/learning/: enrol, my courses, course progress, heartbeats (single and offline batch), resume,
document and text progress, and the scoped per-person ledger for union staff."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User

from .. import selectors, services
from ..models import CoursePage, LessonKind, LessonPage
from .serializers import (
    CourseListParamsSerializer,
    CourseProgressSerializer,
    CourseSerializer,
    DocumentPagesSerializer,
    EnrollmentSerializer,
    HeartbeatBatchSerializer,
    HeartbeatSerializer,
    LedgerEntrySerializer,
    LessonProgressSerializer,
    MyLearningSerializer,
    PlaybackSerializer,
    ResumeSerializer,
    TextReadSerializer,
    heartbeat_parse,
    playback_data,
)


def _course(pk: int) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live(), pk=pk)


def _lesson(pk: int) -> LessonPage:
    return get_object_or_404(LessonPage.objects.live(), pk=pk)


class CourseListView(generics.ListAPIView):
    serializer_class = CourseSerializer
    permission_classes = [permissions.AllowAny]

    @extend_schema(summary=_("课程目录"), parameters=[CourseListParamsSerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:  # type: ignore[no-untyped-def]
        return super().get(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = CourseListParamsSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return selectors.course_list(**{k: v.strip() for k, v in params.validated_data.items()})


class EnrollView(APIView):
    @extend_schema(summary=_("报名课程"), request=None, responses={201: EnrollmentSerializer})
    def post(self, request: Request, course_id: int) -> Response:
        enrollment = services.course_enroll(user=request.user, course=_course(course_id))
        return Response(EnrollmentSerializer(enrollment).data, status=status.HTTP_201_CREATED)


class MyCoursesView(APIView):
    @extend_schema(summary=_("我的学习"), responses=MyLearningSerializer)
    def get(self, request: Request) -> Response:
        return Response(MyLearningSerializer(selectors.my_learning(user=request.user)).data)


class CourseProgressView(APIView):
    @extend_schema(summary=_("课程学习进度（本人）"), responses=CourseProgressSerializer)
    def get(self, request: Request, course_id: int) -> Response:
        course = _course(course_id)
        enrollment = selectors.enrollment_for(user=request.user, course=course)
        rows = selectors.course_progress_for_user(user=request.user, course=course)
        data = {
            "course": course,
            "enrolled": enrollment is not None,
            "progress_percent": enrollment.progress_percent if enrollment else 0,
            "completed": bool(enrollment and enrollment.is_completed),
            "lessons": list(rows.values()),
        }
        return Response(CourseProgressSerializer(data).data)


class HeartbeatView(APIView):
    """The documented endpoint; usual token heartbeats are answered before Django (api/heartbeat_lane.py)."""

    @extend_schema(
        summary=_("播放心跳"),
        description=_("每约 10 秒发送一次，报告实际播放过的区间；按服务器规则计入学习时间和视频完成度。"),
        request=HeartbeatSerializer,
        responses={200: PlaybackSerializer, 400: OpenApiResponse(description=_("心跳格式错误，未写入任何记录"))},
    )
    def post(self, request: Request) -> Response:
        heartbeat = heartbeat_parse(request.data)
        if heartbeat is None:  # anything unusual, and every refusal: the serializer decides
            payload = HeartbeatSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            heartbeat = payload.to_heartbeat()
        results = services.heartbeats_record(user_id=request.user.pk, heartbeats=[heartbeat])
        return Response(playback_data(results[0]))


class HeartbeatBatchView(APIView):
    @extend_schema(
        summary=_("补传离线心跳"),
        description=_("设备恢复联网后一次上传积存的心跳：按客户端时间排序处理，规则与单条心跳相同，全部成功或全部不写入。"),
        request=HeartbeatBatchSerializer,
        responses={200: PlaybackSerializer(many=True)},
    )
    def post(self, request: Request) -> Response:
        payload = HeartbeatBatchSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        results = services.heartbeats_record(user_id=request.user.pk, heartbeats=payload.to_heartbeats())
        return Response({"lessons": [playback_data(result) for result in results]})


class ResumeView(APIView):
    @extend_schema(summary=_("续播位置"), responses=ResumeSerializer)
    def get(self, request: Request, lesson_id: int) -> Response:
        lesson = _lesson(lesson_id)
        progress = selectors.lesson_progress_for(user=request.user, lesson=lesson)
        duration = (lesson.video.duration if lesson.kind == LessonKind.VIDEO and lesson.video else None) or 0
        played = progress.played_seconds if progress else 0
        return Response(
            ResumeSerializer(
                {
                    "lesson": lesson.pk,
                    "position": progress.position if progress else 0,
                    "played_percent": min(100, int(100 * played / duration)) if duration else 0,
                    "completed": bool(progress and progress.is_completed),
                }
            ).data
        )


class DocumentPagesView(APIView):
    @extend_schema(summary=_("文档阅读进度"), request=DocumentPagesSerializer, responses=LessonProgressSerializer)
    def post(self, request: Request, lesson_id: int) -> Response:
        payload = DocumentPagesSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        progress = services.document_pages_record(user=request.user, lesson=_lesson(lesson_id), **payload.validated_data)
        return Response(LessonProgressSerializer(progress).data)


class TextReadView(APIView):
    @extend_schema(summary=_("图文阅读进度"), request=TextReadSerializer, responses=LessonProgressSerializer)
    def post(self, request: Request, lesson_id: int) -> Response:
        payload = TextReadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        progress = services.text_read_record(user=request.user, lesson=_lesson(lesson_id), **payload.validated_data)
        return Response(LessonProgressSerializer(progress).data)


class PersonLedgerView(APIView):
    @extend_schema(summary=_("个人学习台账（工会干部按管辖范围查看）"), responses=LedgerEntrySerializer(many=True))
    def get(self, request: Request, person_id: int) -> Response:
        person = get_object_or_404(User.objects.select_related("organisation"), pk=person_id)
        if not request.user.has_perm("learning.view_person_ledger", person):
            raise PermissionDenied(_("您无权查看此人的学习记录。"))
        ledger = selectors.person_ledger(person=person)
        return Response(
            {
                "person": person.pk,
                "total_seconds": ledger.total_seconds,
                "total_points": ledger.total_points,
                "total_hours": str(ledger.total_hours),
                "days": [{"day": d.day, "seconds": d.seconds, "points": d.points} for d in ledger.daily],
                "entries": LedgerEntrySerializer(ledger.entries, many=True).data,
            }
        )
