"""Reads for the catalogue, a course, “我的学习”, and the ledgers staff inspect (scoped)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from accounts.models import User
from organisations.selectors import scope_for_user

from . import conf
from .models import (
    CourseAssignment,
    CoursePage,
    DailyStudy,
    Enrollment,
    LedgerEntry,
    LessonPage,
    LessonProgress,
    PlaybackHeartbeat,
)

STEPLEN = CoursePage.steplen


def ancestor_paths(path: str) -> list[str]:
    return [path[:end] for end in range(STEPLEN, len(path) + 1, STEPLEN)]


def assignments_for_user(*, user: User) -> QuerySet[CourseAssignment]:
    """Required courses for the person: those assigned to their organisation or any node above it."""
    if not user.is_authenticated or user.organisation_id is None:
        return CourseAssignment.objects.none()
    organisation = user.organisation
    return CourseAssignment.objects.filter(
        organisation__path__in=ancestor_paths(organisation.path), course__live=True
    ).select_related("course", "organisation")


def _lesson_count() -> Subquery:
    """Live child lessons of each course, found by a range of the page tree's ``path`` index (the children of
    P are P0000…PZZZZ, as treebeard's ``get_children`` does): a ``LIKE 'P%'`` on a column cannot use the
    index, so each course would scan every page of the site — for every course up to the page shown."""
    parent = OuterRef("path")
    lessons = (
        LessonPage.objects.filter(
            live=True,
            depth=OuterRef("depth") + 1,
            path__gt=parent,
            path__lte=Concat(parent, Value(CoursePage.alphabet[-1] * STEPLEN)),
        )
        .order_by()
        .values("depth")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(lessons[:1]), Value(0))


# The catalogue card's cover ({% srcset_image course.cover fill-640x360 %} in includes/course_card.html).
COVER_RENDITION = "fill-640x360"


def _cover_renditions() -> Prefetch:
    """The cover renditions of a whole page of courses in one query: without it each card looks its
    rendition up on its own (in the cache, and in the database whenever the cache misses)."""
    from wagtail.images import get_image_model

    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=COVER_RENDITION)
    return Prefetch("cover__renditions", queryset=renditions, to_attr="prefetched_renditions")


def course_list(
    *, trade: str = "", tag: str = "", level: str = "", studio: str = "", q: str = ""
) -> QuerySet[CoursePage]:
    """The live catalogue with filters; a fixed number of queries whatever the number of courses."""
    courses = (
        CoursePage.objects.live()
        .select_related("studio", "cover")
        .prefetch_related("tags", "instructors", _cover_renditions())
        .annotate(lesson_count=_lesson_count())
        .order_by("-first_published_at", "pk")
    )
    if trade:
        courses = courses.filter(trade=trade)
    if tag:
        courses = courses.filter(tags__slug=tag).distinct()
    if level:
        courses = courses.filter(level=level)
    if studio:
        courses = courses.filter(studio__slug=studio)
    if q:
        courses = courses.filter(Q(title__icontains=q) | Q(summary__icontains=q) | Q(trade__icontains=q))
    return courses


def course_filter_options() -> dict[str, list[str]]:
    trades = (
        CoursePage.objects.live().exclude(trade="").order_by("trade").values_list("trade", flat=True).distinct()
    )
    return {"trades": list(trades)}


def course_lessons(*, course: CoursePage) -> QuerySet[LessonPage]:
    return (
        LessonPage.objects.child_of(course).live().select_related("video", "document").order_by("path")
    )


def course_progress_for_user(*, user: User, course: CoursePage) -> dict[int, LessonProgress]:
    if not user.is_authenticated:
        return {}
    return {row.lesson_id: row for row in LessonProgress.objects.filter(user=user, course=course)}


def enrollment_for(*, user: User, course: CoursePage) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(user=user, course=course).select_related("last_lesson").first()


def lesson_course(*, lesson: LessonPage) -> CoursePage:
    return CoursePage.objects.get(path=lesson.path[:-STEPLEN])


def lesson_progress_for(*, user: User, lesson: LessonPage) -> LessonProgress | None:
    if not user.is_authenticated:
        return None
    return LessonProgress.objects.filter(user=user, lesson=lesson).first()


@dataclass
class RequiredCourse:
    assignment: CourseAssignment
    enrollment: Enrollment | None

    @property
    def course(self) -> CoursePage:
        return self.assignment.course

    @property
    def is_completed(self) -> bool:
        return self.enrollment is not None and self.enrollment.is_completed

    @property
    def is_overdue(self) -> bool:
        return not self.is_completed and self.assignment.due_on < timezone.localdate()

    @property
    def is_due_soon(self) -> bool:
        left = (self.assignment.due_on - timezone.localdate()).days
        return not self.is_completed and 0 <= left <= conf.due_soon_days()

    @property
    def progress_percent(self) -> int:
        return self.enrollment.progress_percent if self.enrollment else 0


@dataclass
class MyLearning:
    required: list[RequiredCourse] = field(default_factory=list)
    in_progress: list[Enrollment] = field(default_factory=list)
    completed: list[Enrollment] = field(default_factory=list)
    hours_this_year: Decimal = Decimal("0")
    seconds_this_year: float = 0.0
    points_this_year: int = 0
    points_today: int = 0
    points_daily_cap: int = 0
    certificates: list = field(default_factory=list)

    @property
    def study_minutes_this_year(self) -> int:
        return int(self.seconds_this_year // 60)

    @property
    def study_hours_this_year(self) -> Decimal:
        """Hours to one decimal (a whole-hour figure would show 0 after 29 minutes of study)."""
        return (Decimal(str(self.seconds_this_year)) / 3600).quantize(Decimal("0.1"))


def my_learning(*, user: User, today: dt.date | None = None) -> MyLearning:
    """The person's dashboard: required courses first (earliest due first), then in progress, completed."""
    today = today or timezone.localdate()
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .select_related("course", "course__studio", "last_lesson")
        .order_by(F("last_activity_at").desc(nulls_last=True), "-enrolled_at")
    )
    by_course = {e.course_id: e for e in enrollments}
    seen: set[int] = set()
    required: list[RequiredCourse] = []
    for assignment in assignments_for_user(user=user).order_by("due_on", "pk"):
        if assignment.course_id in seen:
            continue
        seen.add(assignment.course_id)
        required.append(RequiredCourse(assignment=assignment, enrollment=by_course.get(assignment.course_id)))
    data = MyLearning(required=required, points_daily_cap=conf.points_daily_cap())
    for enrollment in enrollments:
        if enrollment.is_completed:
            data.completed.append(enrollment)
        elif enrollment.course_id not in seen:
            data.in_progress.append(enrollment)
    year = LedgerEntry.objects.filter(user=user, day__year=today.year).aggregate(
        hours=Coalesce(Sum("hours"), Value(Decimal("0"))), points=Coalesce(Sum("points"), Value(0))
    )
    data.hours_this_year = year["hours"]
    data.points_this_year = year["points"]
    days = DailyStudy.objects.filter(user=user, day__year=today.year).aggregate(
        seconds=Coalesce(Sum("seconds"), Value(0.0))
    )
    data.seconds_this_year = days["seconds"]
    from certificates.selectors import certificates_for_user

    data.certificates = list(certificates_for_user(user=user)[:20])
    data.points_today = (
        DailyStudy.objects.filter(user=user, day=today).values_list("points", flat=True).first() or 0
    )
    return data


# --- staff: scoped ledgers ------------------------------------------------------------------------


def learners_for_staff(*, staff: User) -> QuerySet[User]:
    """People whose study records the staff member may inspect (their organisation subtree)."""
    return scope_for_user(User.objects.filter(is_active=True), user=staff).select_related("organisation")


def learner_for_staff(*, staff: User, person_id: int) -> User | None:
    return learners_for_staff(staff=staff).filter(pk=person_id).first()


@dataclass
class PersonLedger:
    person: User
    daily: list[DailyStudy]
    entries: list[LedgerEntry]
    enrollments: list[Enrollment]
    total_seconds: float
    total_points: int
    total_hours: Decimal


def person_ledger(*, person: User, year: int | None = None) -> PersonLedger:
    year = year or timezone.localdate().year
    daily = list(DailyStudy.objects.filter(user=person, day__year=year).order_by("-day"))
    entries = list(
        LedgerEntry.objects.filter(user=person, day__year=year).select_related("course", "lesson").order_by("-created_at")
    )
    enrollments = list(Enrollment.objects.filter(user=person).select_related("course").order_by("-enrolled_at"))
    return PersonLedger(
        person=person,
        daily=daily,
        entries=entries,
        enrollments=enrollments,
        total_seconds=sum(d.seconds for d in daily),
        total_points=sum(e.points for e in entries),
        total_hours=sum((e.hours for e in entries), Decimal("0")),
    )


def person_heartbeats(*, person: User, day: dt.date) -> QuerySet[PlaybackHeartbeat]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return (
        PlaybackHeartbeat.objects.filter(user=person, sent_at__gte=start, sent_at__lt=start + dt.timedelta(days=1))
        .select_related("lesson")
        .order_by("sent_at")
    )


def learners_summary(*, staff: User, year: int | None = None) -> QuerySet[User]:
    """Scoped learners with their study time, points and hours for the year (for the staff report)."""
    year = year or timezone.localdate().year
    seconds = (
        DailyStudy.objects.filter(user=OuterRef("pk"), day__year=year).order_by().values("user")
        .annotate(s=Sum("seconds")).values("s")
    )
    points = (
        DailyStudy.objects.filter(user=OuterRef("pk"), day__year=year).order_by().values("user")
        .annotate(p=Sum("points")).values("p")
    )
    hours = (
        LedgerEntry.objects.filter(user=OuterRef("pk"), day__year=year).order_by().values("user")
        .annotate(h=Sum("hours")).values("h")
    )
    completed = (
        Enrollment.objects.filter(user=OuterRef("pk"), completed_at__year=year).order_by().values("user")
        .annotate(n=Count("pk")).values("n")
    )
    return (
        learners_for_staff(staff=staff)
        .annotate(
            study_seconds=Coalesce(Subquery(seconds), Value(0.0)),
            study_points=Coalesce(Subquery(points), Value(0)),
            study_hours=Coalesce(Subquery(hours), Value(Decimal("0"))),
            courses_completed=Coalesce(Subquery(completed), Value(0)),
        )
        .order_by("organisation__path", "real_name", "pk")
    )


