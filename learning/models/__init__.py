from .pages import CourseIndexPage, CourseLevel, CoursePage, CourseTag, LessonKind, LessonPage

__all__ = ["CourseIndexPage", "CourseLevel", "CoursePage", "CourseTag", "LessonKind", "LessonPage"]
