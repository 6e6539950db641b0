"""Reactions to other apps' signals, connected in LearningConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db import transaction


def on_attempt_passed(sender: Any, user: Any, quiz: Any, attempt: Any, **kwargs: Any) -> None:
    """A passed quiz completes the quiz lessons that use it (sent after the attempt's commit)."""
    from .services.quiz import quiz_passed_record

    quiz_passed_record(user=user, quiz_id=quiz.pk)


def on_course_completed(sender: Any, user: Any, course: Any, enrollment: Any, **kwargs: Any) -> None:
    """Issue the course certificate once the completion is committed (learning.signals.course_completed)."""
    from .services.certificates import course_certificate_issue

    transaction.on_commit(lambda: course_certificate_issue(enrollment_id=enrollment.pk), robust=True)


def on_lesson_or_video_changed(sender: Any, **kwargs: Any) -> None:
    """A saved or deleted lesson or video: forget the cached lesson metadata of this process."""
    from .services.lesson_cache import lesson_cache_clear

    lesson_cache_clear()


def on_setting_changed(sender: Any, setting: str, **kwargs: Any) -> None:
    """A ``LEARNING_*`` setting changed (tests): the heartbeat function's settings argument is made again."""
    if setting.startswith("LEARNING_"):
        from .services.heartbeat_function import heartbeat_settings

        heartbeat_settings.cache_clear()


# --- search: the lessons that show a video are reindexed after the commit (search.tasks) ----------------------
def on_video_text_changed(sender: Any, video: Any, **kwargs: Any) -> None:
    """A video's subtitles changed or it became ready: reindex the lessons that show it."""
    from search.tasks import search_update_enqueue

    from .models import LessonPage
    from .search_documents import LESSON

    search_update_enqueue(kind=LESSON, ids=list(LessonPage.objects.filter(video=video).values_list("pk", flat=True)))
