"""Builders for courses, lessons and videos used by the learning tests."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.utils import timezone

from learning.models import CourseIndexPage, CoursePage, LessonKind, LessonPage
from media.models import Video, VideoStatus
from tests.cms.pages import studio_page_create
from tests.studios.factories import StudioFactory

_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def video_create(*, duration: float = 100.0, owner=None) -> Video:  # type: ignore[no-untyped-def]
    """A processed video row with its duration set (the pipeline itself is tested in tests/media)."""
    return Video.objects.create(title=f"视频{_next()}", owner=owner, status=VideoStatus.READY, duration=duration)


def studio_page_for(*, site_pages: dict, organisation, studio=None):  # type: ignore[no-untyped-def]
    studio = studio or StudioFactory(organisation=organisation)
    return studio_page_create(studio=studio, index=site_pages["studio_index"])


def course_index_create(*, site_pages: dict) -> CourseIndexPage:
    return site_pages["home"].add_child(instance=CourseIndexPage(title="课程中心", slug="courses"))


def course_create(
    *, studio_page, title: str = "", trade: str = "焊工", level: str = "beginner",  # type: ignore[no-untyped-def]
    credit_hours: Decimal = Decimal("2.0"), tags: list[str] | None = None, live: bool = True,
) -> CoursePage:
    n = _next()
    course = CoursePage(
        title=title or f"课程{n}", slug=f"course-{n}", summary="学习安全操作规程。", trade=trade, level=level,
        credit_hours=credit_hours, studio_id=studio_page.studio_id, live=live,
    )
    studio_page.add_child(instance=course)
    if tags:
        course.tags.add(*tags)
        course.save()
    return course


def lesson_create(*, course: CoursePage, kind: str = LessonKind.VIDEO, video: Video | None = None,
                  duration: float = 100.0, body: str = "", document=None, title: str = "", quiz=None) -> LessonPage:  # type: ignore[no-untyped-def]
    n = _next()
    if kind == LessonKind.VIDEO and video is None:
        video = video_create(duration=duration)
    lesson = LessonPage(
        title=title or f"第{n}课", slug=f"lesson-{n}", kind=kind, video=video, document=document, quiz=quiz,
        body=body or ("<p>正文</p>" if kind == LessonKind.TEXT else ""),
    )
    course.add_child(instance=lesson)
    return lesson


class Clock:
    """Client timestamps for heartbeats: a fixed origin a little in the past, advanced by the tests."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or timezone.now() - dt.timedelta(hours=1)

    def tick(self, seconds: float) -> dt.datetime:
        self.now = self.now + dt.timedelta(seconds=seconds)
        return self.now


def beat(*, lesson: LessonPage, at: dt.datetime, intervals: list[list[float]], position: float | None = None,
         rate: float = 1.0, visibility: str = "visible", client_id: str | None = None, device: str = "phone") -> dict[str, Any]:
    """A heartbeat payload as the web client sends it."""
    return {
        "id": client_id or str(uuid.uuid4()),
        "lesson": lesson.pk,
        "sent_at": at.isoformat(),
        "intervals": intervals,
        "position": position if position is not None else (intervals[-1][1] if intervals else 0.0),
        "rate": rate,
        "visibility": visibility,
        "device": device,
    }
