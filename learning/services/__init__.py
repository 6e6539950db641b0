"""Writes of the learning app (keyword-only, transactional)."""

from .enrollment import assignment_create, assignment_delete, assignment_update, course_enroll
from .heartbeat import Heartbeat, LessonPlayback, heartbeat_record_by_token, heartbeats_record
from .reading import document_pages_record, text_read_record

__all__ = [
    "Heartbeat",
    "LessonPlayback",
    "assignment_create",
    "assignment_delete",
    "assignment_update",
    "course_enroll",
    "document_pages_record",
    "heartbeat_record_by_token",
    "heartbeats_record",
    "text_read_record",
]
