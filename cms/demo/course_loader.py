"""Load the demo courses: the catalogue, each studio's course with its ordered lessons, quizzes and handouts,
the required courses (必修) and what the demo workers have studied — through the learning and assessments
apps' own services. Idempotent like the rest of the loader: everything is looked up by its natural key first.

No video lessons: a demo video would need ffmpeg at load time (the demo runs without it) and a transcoding
job before it could play; the lectures already show how a page without footage looks.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from accounts.models import User
from assessments.models import Choice, Question, Quiz
from assessments.services import quiz_prepare_for_save
from learning.models import CourseAssignment, CourseIndexPage, CoursePage, Enrollment, LessonPage
from learning.services import assignment_create, course_enroll, document_pages_record, text_read_record
from organisations.models import Organisation
from studios.models import Studio

from . import courses
from .common import DemoLoadReport, image_ensure, page_ensure
from .course_specs import CourseSpec, DocumentSpec, LessonSpec, QuizSpec
from .documents import handout_pdf_bytes

#: Seeds of the generated course covers start here (the studio covers use 1–10, the about page 101).
COVER_SEED = 201


def cover_title(spec: CourseSpec) -> str:
    return f"{spec.title}（课程封面）"


def courses_ensure(
    *,
    home: Page,
    studio_pages: dict[str, Page],
    studios: dict[str, Studio],
    user: User,
    report: DemoLoadReport,
) -> dict[str, CoursePage]:
    """The catalogue page and every demo course with its lessons; returns the courses by slug."""
    index = courses.COURSE_INDEX
    page_ensure(
        parent=home,
        page=CourseIndexPage(title=index.title, slug=index.slug, intro=index.intro),
        user=user,
        report=report,
    )
    found: dict[str, CoursePage] = {}
    for number, spec in enumerate(courses.COURSES):
        studio = studios[spec.studio]
        course = _course_ensure(
            spec=spec, parent=studio_pages[spec.studio], seed=COVER_SEED + number, user=user, report=report
        )
        for lesson in spec.lessons:
            _lesson_ensure(course=course, spec=lesson, studio=studio, user=user, report=report)
        found[spec.slug] = course
    return found


def _course_ensure(
    *, spec: CourseSpec, parent: Page, seed: int, user: User, report: DemoLoadReport
) -> CoursePage:
    existing = CoursePage.objects.child_of(parent).filter(slug=spec.slug).first()
    if existing is not None:
        report.note("pages", created=False)
        return existing
    studio = parent.specific.studio
    course = CoursePage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        trade=spec.trade,
        level=spec.level,
        credit_hours=spec.credit_hours,
        cover=image_ensure(
            title=cover_title(spec),
            palette=spec.palette,
            seed=seed,
            filename=f"demo-course-{spec.slug}.jpg",
            report=report,
        ),
    )
    course.instructors = [studio.lead]  # the studio's lead master teaches the course
    course.tags.add(*spec.tags)
    page_ensure(parent=parent, page=course, user=user, report=report)
    return course


def _lesson_ensure(
    *, course: CoursePage, spec: LessonSpec, studio: Studio, user: User, report: DemoLoadReport
) -> LessonPage | None:
    existing = LessonPage.objects.child_of(course).filter(slug=spec.slug).first()
    if existing is not None:
        report.note("pages", created=False)
        return existing
    lesson = LessonPage(title=spec.title, slug=spec.slug, kind=spec.kind, body=spec.body)
    if spec.quiz is not None:
        lesson.quiz = _quiz_ensure(spec=spec.quiz, studio=studio, report=report)
    if spec.document is not None:
        document = _document_ensure(spec=spec.document, report=report)
        if document is None:  # no WeasyPrint here: the course goes without its handout
            report.note("lessons skipped", created=True)
            return None
        lesson.document = document
    page_ensure(parent=course, page=lesson, user=user, report=report)
    return lesson


def _quiz_ensure(*, spec: QuizSpec, studio: Studio, report: DemoLoadReport) -> Quiz:
    existing = Quiz.objects.filter(title=spec.title, studio=studio).order_by("pk").first()
    if existing is not None:
        report.note("quizzes", created=False)
        return existing
    quiz = Quiz(
        title=spec.title,
        description=spec.description,
        studio=studio,
        pass_mark=spec.pass_mark,
        max_attempts=spec.max_attempts,
        time_limit_minutes=spec.time_limit_minutes,
    )
    quiz_prepare_for_save(quiz=quiz, user=studio.lead)  # the studio's organisation, its lead as author
    quiz.full_clean()
    quiz.save()
    for order, item in enumerate(spec.questions):
        question = Question(
            quiz=quiz,
            kind=item.kind,
            text=item.text,
            points=item.points,
            true_false_answer=item.answer,
            accepted_answers="\n".join(item.accepted),
            explanation=item.explanation,
            sort_order=order,
        )
        question.full_clean()
        question.save()
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=correct, sort_order=position)
            for position, (text, correct) in enumerate(item.choices)
        )
    report.note("quizzes", created=True)
    return quiz


def _document_ensure(*, spec: DocumentSpec, report: DemoLoadReport) -> AbstractDocument | None:
    model = get_document_model()
    existing = model.objects.filter(title=spec.title).order_by("pk").first()
    if existing is not None:
        report.note("documents", created=False)
        return existing
    content = handout_pdf_bytes(spec=spec)
    if content is None:
        return None
    document = model(title=spec.title, file=ContentFile(content, name=spec.filename))
    document._set_document_file_metadata()
    document.save()
    report.note("documents", created=True)
    return document


# --- required courses and the demo workers' progress ------------------------------------------------
def learning_activity_ensure(
    *,
    course_pages: dict[str, CoursePage],
    organisations: dict[str, Organisation],
    users: dict[str, User],
    today: datetime.date,
    report: DemoLoadReport,
) -> None:
    """The required courses, then each demo enrolment with the lessons studied (only when it is new, so
    progress made in the demo since is left alone)."""
    for spec in courses.ASSIGNMENTS:
        course, organisation = course_pages[spec.course], organisations[spec.organisation]
        if CourseAssignment.objects.filter(course=course, organisation=organisation).exists():
            report.note("required courses", created=False)
            continue
        assignment_create(
            staff=users[spec.staff],
            course=course,
            organisation=organisation,
            due_on=today + datetime.timedelta(days=spec.due_in),
            note=spec.note,
        )
        report.note("required courses", created=True)

    for study in courses.STUDY:
        learner, course = users[study.username], course_pages[study.course]
        if Enrollment.objects.filter(user=learner, course=course).exists():
            report.note("enrolments", created=False)
            continue
        course_enroll(user=learner, course=course)
        report.note("enrolments", created=True)
        lessons = {lesson.slug: lesson for lesson in LessonPage.objects.child_of(course)}
        for slug in study.lessons_read:
            text_read_record(user=learner, lesson=lessons[slug], percent=100)
        for slug, (pages, page_count) in study.document_pages.items():
            if slug in lessons:  # missing when the handout could not be drawn
                document_pages_record(user=learner, lesson=lessons[slug], pages=list(pages), page_count=page_count)
