"""The shapes of the demo's learning content: courses, lessons, quizzes, handouts, required courses and study."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from learning.models import LessonKind


@dataclass(frozen=True)
class QuestionSpec:
    kind: str
    text: str
    #: single / multiple choice: (text, is correct) in order
    choices: tuple[tuple[str, bool], ...] = ()
    #: true / false questions
    answer: bool | None = None
    #: fill-in questions: every accepted answer
    accepted: tuple[str, ...] = ()
    explanation: str = ""
    points: int = 1


@dataclass(frozen=True)
class QuizSpec:
    title: str
    description: str
    questions: tuple[QuestionSpec, ...]
    pass_mark: int = 60
    max_attempts: int = 0
    time_limit_minutes: int | None = None


@dataclass(frozen=True)
class DocumentSpec:
    """A small PDF drawn at load time: a title page section, then one page per (heading, HTML) pair."""

    title: str
    filename: str
    subtitle: str
    pages: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LessonSpec:
    slug: str
    title: str
    kind: str
    #: rich text: the lesson itself (text lessons) or a short note above the document or quiz
    body: str = ""
    quiz: QuizSpec | None = None
    document: DocumentSpec | None = None


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    #: the studio whose section holds the course; its lead teaches it
    studio: str
    summary: str
    trade: str
    level: str
    credit_hours: Decimal
    tags: tuple[str, ...]
    lessons: tuple[LessonSpec, ...]
    palette: int


@dataclass(frozen=True)
class AssignmentSpec:
    """A required course (必修) for everyone in ``organisation`` and below, due ``due_in`` days after loading."""

    course: str
    organisation: str
    staff: str
    due_in: int
    note: str = ""


@dataclass(frozen=True)
class StudySpec:
    """One person's enrolment and what they have studied: text lessons read to the end, PDF pages seen."""

    username: str
    course: str
    lessons_read: tuple[str, ...] = ()
    document_pages: dict[str, tuple[tuple[int, ...], int]] = field(default_factory=dict)


_QUIZ_NOTE = "<p>共 {n} 题，得分率达到 {mark}% 即为通过；通过后本课时自动完成。</p>"


def quiz_lesson(quiz: QuizSpec) -> LessonSpec:
    """A course's closing lesson: its quiz, with a note on the number of questions and the pass mark."""
    return LessonSpec(
        slug="quiz",
        title="课后测验",
        kind=LessonKind.QUIZ,
        body=_QUIZ_NOTE.format(n=len(quiz.questions), mark=quiz.pass_mark),
        quiz=quiz,
    )
