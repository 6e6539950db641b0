"""A certificate for each completed course (through the certificates capability)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from certificates.services import certificate_issue

from ..models import Enrollment


def course_certificate_issue(*, enrollment_id: int):  # type: ignore[no-untyped-def]
    """Issue (idempotently) the certificate of a completed course; None while it is not completed."""
    enrollment = (
        Enrollment.objects.select_related("user", "course", "course__studio").filter(pk=enrollment_id).first()
    )
    if enrollment is None or enrollment.completed_at is None:
        return None
    course = enrollment.course
    with override("zh-hans"):
        issuer = course.studio.name if course.studio_id else _("匠联学堂")
    return certificate_issue(
        recipient=enrollment.user, title=course.title, hours=course.credit_hours, issuer=issuer,
        source=course, issued_on=timezone.localdate(enrollment.completed_at),  # the day in 郑州, not in UTC
    )
