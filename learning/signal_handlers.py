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


# --- search: courses and lessons are reindexed after the commit (search.tasks) ----------------------
def _search_subtree_update(page: Any) -> None:
    """Reindex the courses and lessons at or below ``page`` (a course, a lesson, or any ancestor whose
    publication or view restriction changed); the search removes those no longer findable."""
    from search.tasks import search_update_enqueue

    from .models import CoursePage, LessonPage
    from .search_documents import COURSE, LESSON

    for model, kind in ((CoursePage, COURSE), (LessonPage, LESSON)):
        ids = list(model.objects.filter(path__startswith=page.path).values_list("pk", flat=True))
        if model is CoursePage and isinstance(page, LessonPage):  # the course lists its lessons' titles
            ids += CoursePage.objects.filter(path=page.path[: -page.steplen]).values_list("pk", flat=True)
        search_update_enqueue(kind=kind, ids=ids)


def on_page_publication_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A course or lesson was published or unpublished (a course takes its lessons along)."""
    _search_subtree_update(instance)


def on_page_tree_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Any page moved, or its published slug changed: the URLs (and maybe the visibility) of the courses
    and lessons below it changed."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.pk).only("path").first()  # the path after the move
    if page is not None:
        _search_subtree_update(page)


def on_page_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from search.tasks import search_remove_enqueue

    from .models import CoursePage
    from .search_documents import COURSE, LESSON

    search_remove_enqueue(kind=COURSE if issubclass(sender, CoursePage) else LESSON, ids=[instance.pk])


def on_view_restriction_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A view restriction was added, changed or lifted on a page: its courses and lessons below follow."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page itself is being deleted
    if page is not None:
        _search_subtree_update(page)


def on_video_text_changed(sender: Any, video: Any, **kwargs: Any) -> None:
    """A video's subtitles changed or it became ready: reindex the lessons that show it."""
    from search.tasks import search_update_enqueue

    from .models import LessonPage
    from .search_documents import LESSON

    search_update_enqueue(kind=LESSON, ids=list(LessonPage.objects.filter(video=video).values_list("pk", flat=True)))
