"""The demo's learning content: the catalogue, courses with ordered lessons, quizzes that can be passed,
handouts, the required course and the demo worker's 我的学习 (cms/demo/courses.py, course_loader.py)."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader
from wagtail.documents import get_document_model

from accounts.models import User
from assessments.models import QuestionKind, Quiz
from assessments.selectors import quiz_questions
from assessments.services import attempt_start, attempt_submit
from cms.demo import courses
from cms.demo.documents import handout_pdf_bytes
from learning.models import (
    CourseAssignment,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    EnrollmentSource,
    LessonKind,
    LessonPage,
    LessonProgress,
    ProgressStatus,
)
from learning.selectors import assignments_for_user, my_learning

pytestmark = pytest.mark.django_db

CNC = "cnc-lathe-precision-basics"
TEAM_SAFETY = "team-safety-management"


def _load() -> None:
    call_command("load_demo_data", stdout=io.StringIO())


def _course(slug: str) -> CoursePage:
    return CoursePage.objects.get(slug=slug)


def test_catalogue_course_and_lessons_render_in_chinese(client) -> None:  # type: ignore[no-untyped-def]
    _load()

    index = CourseIndexPage.objects.get()
    assert index.url == "/courses/" and index.live and index.title == "课程中心"
    html = client.get("/courses/").content.decode()
    assert f"共 {len(courses.COURSES)} 门课程" in html
    assert html.count('data-testid="course-card"') == len(courses.COURSES)
    for spec in courses.COURSES:
        assert spec.title in html
    welding_only = client.get("/courses/?trade=焊工").content.decode()
    assert "焊接工艺与质量控制" in welding_only and "数控车床精密加工入门" not in welding_only

    # each course sits in its studio's section, taught by the studio's lead, lessons in the spec's order
    for spec in courses.COURSES:
        course = _course(spec.slug)
        studio = course.studio
        assert studio.slug == spec.studio and course.get_parent().specific.studio_id == studio.pk
        assert list(course.instructors.all()) == [studio.lead]
        assert sorted(course.tags.names()) == sorted(spec.tags)
        assert course.cover is not None and course.level == spec.level and course.credit_hours == spec.credit_hours
        lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
        assert [lesson.slug for lesson in lessons] == [lesson.slug for lesson in spec.lessons]
        assert {lesson.kind for lesson in lessons} >= {LessonKind.TEXT, LessonKind.QUIZ}

    course = _course(CNC)
    response = client.get(course.url)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="zh-CN">' in html
    assert "数控车床精密加工入门" in html and "王建军" in html and "对刀与刀具补偿" in html
    assert "登录后报名学习" in html  # anonymous visitors are asked to log in

    client.force_login(User.objects.get(username="zhangwei"))
    lesson = LessonPage.objects.child_of(course).get(slug="tool-setting")
    response = client.get(lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "试切对刀三步" in html and "第 2 / 4 课时" in html
    assert "本课时已完成" in html.split('data-testid="lesson-status">')[1].split("</p>")[0]
    handout = LessonPage.objects.child_of(course).get(slug="process-card")
    html = client.get(handout.url).content.decode()
    assert handout.document.file_extension == "pdf" and handout.document.url in html
    quiz_lesson = LessonPage.objects.child_of(course).get(slug="quiz")
    html = client.get(quiz_lesson.url).content.decode()
    assert "开始测验" in html and quiz_lesson.quiz.get_absolute_url() in html
    assert client.get(quiz_lesson.quiz.get_absolute_url()).status_code == 200


def test_my_learning_shows_the_required_and_the_enrolled_courses(client) -> None:  # type: ignore[no-untyped-def]
    _load()

    team_safety = _course(TEAM_SAFETY)
    today = timezone.localdate()
    assignments = CourseAssignment.objects.filter(course=team_safety).select_related("organisation", "assigned_by")
    assert {a.organisation.code for a in assignments} == {"erqi", "jixie-yejin"}
    for assignment in assignments:
        assert assignment.assigned_by.username == "zzgh_staff" and assignment.due_on > today
    erqi_worker = User.objects.get(username="fengbin")  # 二七建设, in the district's subtree
    assert assignments_for_user(user=erqi_worker).filter(course=team_safety).exists()
    assert not assignments_for_user(user=User.objects.get(username="songjia")).exists()  # 金水区: not assigned

    zhangwei = User.objects.get(username="zhangwei")
    required = Enrollment.objects.get(user=zhangwei, course=team_safety)
    assert required.source == EnrollmentSource.ASSIGNED and required.progress_percent == 33
    cnc = Enrollment.objects.get(user=zhangwei, course=_course(CNC))
    assert cnc.source == EnrollmentSource.SELF and cnc.progress_percent == 50
    handout = LessonProgress.objects.get(user=zhangwei, lesson__slug="process-card")
    assert handout.status == ProgressStatus.IN_PROGRESS and handout.pages_seen == [1] and handout.page_count == 2

    dashboard = my_learning(user=zhangwei)
    assert [item.course.slug for item in dashboard.required] == [TEAM_SAFETY]
    assert {e.course.slug for e in dashboard.in_progress} == {CNC, "craftsmanship-and-innovation"}
    assert dashboard.points_this_year > 0 and not dashboard.completed

    client.force_login(zhangwei)
    html = client.get("/learning/").content.decode()
    assert "我的学习" in html and 'aria-current="page"' in html
    required_list = html.split('data-testid="required-list"')[1].split("</ul>")[0]
    assert "班组安全生产管理" in required_list
    in_progress = html.split('data-testid="in-progress-list"')[1].split("</ul>")[0]
    assert "数控车床精密加工入门" in in_progress and "工匠精神与创新方法" in in_progress
    course_html = client.get(team_safety.url).content.decode()
    assert 'data-testid="required-notice"' in course_html and "继续学习" in course_html


def test_the_demo_quizzes_are_well_formed_and_a_lesson_completes_on_a_pass(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    _load()

    specs = {lesson.quiz.title: lesson.quiz for course in courses.COURSES for lesson in course.lessons if lesson.quiz}
    assert Quiz.objects.filter(title__in=specs).count() == len(specs) == len(courses.COURSES)
    for quiz in Quiz.objects.filter(title__in=specs).select_related("studio"):
        questions = list(quiz_questions(quiz=quiz))
        assert quiz.organisation_id == quiz.studio.organisation_id and quiz.created_by_id == quiz.studio.lead_id
        assert {q.kind for q in questions} == set(QuestionKind.values)  # every kind of question
        for question in questions:
            correct = [c for c in question.choices.all() if c.is_correct]
            if question.kind == QuestionKind.SINGLE:
                assert len(correct) == 1 and question.choices.count() >= 2
            elif question.kind == QuestionKind.MULTIPLE:
                assert correct and question.choices.count() >= 2

    zhangwei = User.objects.get(username="zhangwei")
    lesson = LessonPage.objects.child_of(_course(CNC)).get(slug="quiz")
    attempt = attempt_start(user=zhangwei, quiz=lesson.quiz)
    answers = {}
    for question in quiz_questions(quiz=lesson.quiz):
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            answers[question.pk] = {"choices": [c.pk for c in question.choices.all() if c.is_correct]}
        elif question.kind == QuestionKind.TRUE_FALSE:
            answers[question.pk] = {"boolean": question.true_false_answer}
        else:
            answers[question.pk] = {"text": "－０.０２"}  # typed on a phone's full-width keyboard
    with django_capture_on_commit_callbacks(execute=True):
        graded = attempt_submit(user=zhangwei, attempt=attempt, answers=answers)
    assert graded.passed and graded.score == 100
    assert LessonProgress.objects.get(user=zhangwei, lesson=lesson).status == ProgressStatus.COMPLETED
    assert Enrollment.objects.get(user=zhangwei, course=_course(CNC)).progress_percent == 75


def test_the_handouts_are_real_pdfs_with_the_pages_the_progress_expects(monkeypatch) -> None:
    for spec in courses.COURSES:
        for lesson in spec.lessons:
            if lesson.document is None:
                continue
            pdf = handout_pdf_bytes(spec=lesson.document)
            assert pdf is not None and pdf.startswith(b"%PDF")
            pages = PdfReader(io.BytesIO(pdf)).pages
            assert len(pages) == len(lesson.document.pages)
            assert lesson.document.pages[0][0] in pages[0].extract_text()
            for study in courses.STUDY:
                if study.course == spec.slug and lesson.slug in study.document_pages:
                    assert study.document_pages[lesson.slug][1] == len(pages)

    # without WeasyPrint (no Pango on the machine) the demo still loads, without its handouts
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    assert handout_pdf_bytes(spec=courses.COURSES[0].lessons[2].document) is None  # type: ignore[arg-type]
    _load()
    assert not get_document_model().objects.exists()
    assert not LessonPage.objects.filter(kind=LessonKind.DOCUMENT).exists()
    assert LessonPage.objects.child_of(_course(CNC)).count() == len(courses.COURSES[0].lessons) - 1
    assert Enrollment.objects.get(user__username="zhangwei", course__slug=CNC).progress_percent == 66
    assert Quiz.objects.count() == len(courses.COURSES)  # the rest of the courses is there
