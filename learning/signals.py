"""Signals other apps may listen to (sent after the transaction commits)."""

from django.dispatch import Signal

# kwargs: user, course (CoursePage), enrollment
course_completed = Signal()
