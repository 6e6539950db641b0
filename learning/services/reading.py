"""Document lessons (pages seen in the browser's PDF viewer) and text lessons (read to the end)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from config.errors import ApplicationError

from ..models import Enrollment, LessonKind, LessonPage, LessonProgress, ProgressStatus
from .completion import lesson_complete
from .locks import learner_lock

MAX_PAGES = 5000


def _progress(*, user: User, lesson: LessonPage, kind: str) -> LessonProgress:
    if lesson.kind != kind:
        raise ApplicationError(_("课时类型不符，无法记录进度。"))
    parent_path = lesson.path[: -LessonPage.steplen]
    enrollment = Enrollment.objects.filter(user=user, course__path=parent_path).only("pk", "course_id").first()
    if enrollment is None:
        raise ApplicationError(_("请先报名这门课程，再开始学习。"), status=403)
    learner_lock(user_id=user.pk)
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        user=user, lesson=lesson, defaults={"course_id": enrollment.course_id}
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(last_lesson=lesson)
    return progress


@transaction.atomic
def document_pages_record(*, user: User, lesson: LessonPage, pages: list[int], page_count: int) -> LessonProgress:
    """Pages the PDF viewer showed; the lesson completes once every page has been seen."""
    if page_count < 1 or page_count > MAX_PAGES:
        raise ApplicationError(_("文档页数不正确。"))
    if any(page < 1 or page > page_count for page in pages):
        raise ApplicationError(_("页码超出文档范围。"))
    progress = _progress(user=user, lesson=lesson, kind=LessonKind.DOCUMENT)
    if progress.page_count and progress.page_count != page_count:
        # the document was replaced: what was seen of the old one no longer counts
        progress.pages_seen = []
    progress.page_count = page_count
    progress.pages_seen = sorted(set(progress.pages_seen) | set(pages))
    if progress.status == ProgressStatus.NOT_STARTED:
        progress.status = ProgressStatus.IN_PROGRESS
    progress.save(update_fields=["page_count", "pages_seen", "status", "updated_at"])
    if len(progress.pages_seen) >= page_count:
        lesson_complete(progress=progress)
    return progress


@transaction.atomic
def text_read_record(*, user: User, lesson: LessonPage, percent: int) -> LessonProgress:
    """How far down the text the reader got; reaching the end completes the lesson."""
    if percent < 0 or percent > 100:
        raise ApplicationError(_("阅读进度必须在 0 到 100 之间。"))
    progress = _progress(user=user, lesson=lesson, kind=LessonKind.TEXT)
    progress.read_percent = max(progress.read_percent, percent)
    if progress.status == ProgressStatus.NOT_STARTED:
        progress.status = ProgressStatus.IN_PROGRESS
    progress.save(update_fields=["read_percent", "status", "updated_at"])
    if progress.read_percent >= 100:
        lesson_complete(progress=progress)
    return progress
