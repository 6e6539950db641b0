from .enrollment import CourseAssignment, Enrollment, EnrollmentSource
from .ledger import DailyStudy, LedgerEntry, LedgerKind
from .pages import CourseIndexPage, CourseLevel, CoursePage, CourseTag, LessonKind, LessonPage
from .progress import HeartbeatOutcome, LessonProgress, PlaybackHeartbeat, ProgressStatus

__all__ = [
    "CourseAssignment",
    "CourseIndexPage",
    "CourseLevel",
    "CoursePage",
    "CourseTag",
    "DailyStudy",
    "Enrollment",
    "EnrollmentSource",
    "HeartbeatOutcome",
    "LedgerEntry",
    "LedgerKind",
    "LessonKind",
    "LessonPage",
    "LessonProgress",
    "PlaybackHeartbeat",
    "ProgressStatus",
]
