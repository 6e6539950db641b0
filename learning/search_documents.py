"""Courses and lessons as search documents (registered with the search capability in LearningConfig.ready()).

Only live pages nobody restricted are yielded, and a lesson only while its course is live and public too:
anything else the search removes from its index.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from media.selectors import video_search_text
from search.registry import SearchDocument, SearchSource, page_document

from .models import CoursePage, LessonKind, LessonPage

COURSE, LESSON = "course", "lesson"


def _text(rich: str) -> str:
    return " ".join(html.unescape(strip_tags(rich or "")).split())


def _public_courses():  # type: ignore[no-untyped-def]
    return CoursePage.objects.live().public().select_related("studio")


def course_documents(ids: Sequence[int] | None) -> Iterator[SearchDocument]:
    courses = _public_courses().prefetch_related("tags")
    if ids is not None:
        courses = courses.filter(pk__in=ids)
    for course in courses.order_by("pk").iterator(chunk_size=200):
        lessons = LessonPage.objects.child_of(course).live().public().order_by("path").values_list("title", flat=True)
        yield page_document(
            kind=COURSE,
            page=course,
            summary=course.summary,
            body=" ".join([course.trade, *lessons]).strip(),
            tags=[tag.name for tag in course.tags.all()],
            studio=course.studio.name if course.studio_id else "",
        )


def lesson_documents(ids: Sequence[int] | None) -> Iterator[SearchDocument]:
    lessons = LessonPage.objects.live().public().select_related("video")
    if ids is not None:
        lessons = lessons.filter(pk__in=ids)
    lessons = list(lessons.order_by("pk"))
    parent_paths = {lesson.path[: -LessonPage.steplen] for lesson in lessons}
    courses = {course.path: course for course in _public_courses().filter(path__in=parent_paths)}
    for lesson in lessons:
        course = courses.get(lesson.path[: -LessonPage.steplen])
        if course is None:  # the course is a draft, unpublished or restricted
            continue
        parts = [_text(lesson.body)]
        if lesson.kind == LessonKind.VIDEO and lesson.video is not None:
            parts.append(video_search_text(video=lesson.video))
        yield page_document(
            kind=LESSON,
            page=lesson,
            body="\n".join(part for part in parts if part),
            studio=course.studio.name if course.studio_id else "",
        )


SOURCES = (
    SearchSource(kind=COURSE, label=_("课程"), documents=course_documents, page_model=CoursePage),
    SearchSource(kind=LESSON, label=_("课时"), documents=lesson_documents, page_model=LessonPage),
)
