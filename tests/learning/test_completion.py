"""Documents, text and quiz lessons; course progress %, credit hours and the course certificate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessments.models import Question, QuestionKind, Quiz
from assessments.services import attempt_start, attempt_submit
from certificates.selectors import certificates_for_user
from learning.models import Enrollment, LedgerEntry, LedgerKind, LessonKind, LessonProgress, ProgressStatus
from tests.learning.factories import Clock, beat, lesson_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_document(tmp_path, settings):  # type: ignore[no-untyped-def]
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    settings.MEDIA_ROOT = tmp_path
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    return get_document_model().objects.create(title="操作手册", file=ContentFile(b"%PDF-1.4\n", name="manual.pdf"))


def test_document_completes_when_every_page_has_been_seen(api, enrolled, course, pdf_document):  # type: ignore[no-untyped-def]
    lesson = lesson_create(course=course, kind=LessonKind.DOCUMENT, document=pdf_document)
    url = f"/api/v1/learning/lessons/{lesson.pk}/pages/"
    first = api.post(url, {"pages": [1, 2], "page_count": 3}, format="json").json()
    assert first["status"] == ProgressStatus.IN_PROGRESS and first["pages_seen"] == [1, 2]
    done = api.post(url, {"pages": [2, 3], "page_count": 3}, format="json").json()
    assert done["status"] == ProgressStatus.COMPLETED


def test_document_pages_outside_the_document_are_refused(api, enrolled, course, pdf_document):  # type: ignore[no-untyped-def]
    lesson = lesson_create(course=course, kind=LessonKind.DOCUMENT, document=pdf_document)
    response = api.post(f"/api/v1/learning/lessons/{lesson.pk}/pages/", {"pages": [4], "page_count": 3}, format="json")
    assert response.status_code == 400 and "页码" in response.json()["detail"]
    assert not LessonProgress.objects.exists()


def test_text_completes_when_read_to_the_end(api, enrolled, course):  # type: ignore[no-untyped-def]
    lesson = lesson_create(course=course, kind=LessonKind.TEXT)
    url = f"/api/v1/learning/lessons/{lesson.pk}/read/"
    assert api.post(url, {"percent": 75}, format="json").json()["status"] == ProgressStatus.IN_PROGRESS
    assert api.post(url, {"percent": 50}, format="json").json()["read_percent"] == 75  # never goes back
    assert api.post(url, {"percent": 100}, format="json").json()["status"] == ProgressStatus.COMPLETED


def test_text_progress_on_a_video_lesson_is_refused(api, enrolled, video_lesson):  # type: ignore[no-untyped-def]
    response = api.post(f"/api/v1/learning/lessons/{video_lesson.pk}/read/", {"percent": 100}, format="json")
    assert response.status_code == 400 and not LessonProgress.objects.exists()


def _quiz(org) -> Quiz:  # type: ignore[no-untyped-def]
    quiz = Quiz.objects.create(title="安全知识测验", organisation=org, pass_mark=60)
    Question.objects.create(quiz=quiz, kind=QuestionKind.TRUE_FALSE, text="焊接时必须佩戴面罩。", true_false_answer=True, points=1)
    return quiz


def test_quiz_lesson_completes_when_the_quiz_is_passed(django_capture_on_commit_callbacks, learner, enrolled, course, org_tree):  # type: ignore[no-untyped-def]
    quiz = _quiz(org_tree["a"])
    lesson = lesson_create(course=course, kind=LessonKind.QUIZ, quiz=quiz)
    question = quiz.questions.get()
    attempt = attempt_start(user=learner, quiz=quiz)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(user=learner, attempt=attempt, answers={question.pk: {"boolean": False}})
    assert not LessonProgress.objects.filter(lesson=lesson, status=ProgressStatus.COMPLETED).exists()
    attempt = attempt_start(user=learner, quiz=quiz)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(user=learner, attempt=attempt, answers={question.pk: {"boolean": True}})
    assert LessonProgress.objects.get(lesson=lesson).status == ProgressStatus.COMPLETED


def test_course_completion_awards_hours_points_and_a_certificate(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks, api, learner, enrolled, course
):
    video = lesson_create(course=course, duration=20.0)
    text = lesson_create(course=course, kind=LessonKind.TEXT)
    clock = Clock()
    with django_capture_on_commit_callbacks(execute=True):
        api.post("/api/v1/learning/heartbeats/", beat(lesson=video, at=clock.tick(10), intervals=[[0, 10]]), format="json")
        api.post("/api/v1/learning/heartbeats/", beat(lesson=video, at=clock.tick(10), intervals=[[10, 20]]), format="json")
    enrollment = Enrollment.objects.get(pk=enrolled.pk)
    assert enrollment.progress_percent == 50 and enrollment.completed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        api.post(f"/api/v1/learning/lessons/{text.pk}/read/", {"percent": 100}, format="json")
    enrollment.refresh_from_db()
    assert enrollment.progress_percent == 100 and enrollment.hours_awarded == course.credit_hours
    entry = LedgerEntry.objects.get(user=learner, kind=LedgerKind.COURSE_COMPLETED)
    assert entry.hours == Decimal("2.0") and entry.points > 0
    certificate = certificates_for_user(user=learner).get()
    assert certificate.title == course.title and certificate.hours == course.credit_hours
    my = api.get("/api/v1/learning/my/").json()
    assert my["hours_this_year"] == "2.0" and my["completed"][0]["course"]["id"] == course.pk


def test_course_progress_counts_only_live_lessons(api, enrolled, course):  # type: ignore[no-untyped-def]
    text = lesson_create(course=course, kind=LessonKind.TEXT)
    draft = lesson_create(course=course, kind=LessonKind.TEXT)
    draft.live = False
    draft.save()
    api.post(f"/api/v1/learning/lessons/{text.pk}/read/", {"percent": 100}, format="json")
    data = api.get(f"/api/v1/learning/courses/{course.pk}/progress/").json()
    assert data["progress_percent"] == 100 and data["completed"] is True
