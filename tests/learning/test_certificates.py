"""The course certificate (learning/services/certificates.py): dated on the local day of completion."""

from __future__ import annotations

import datetime as dt

import pytest

from learning.models import Enrollment
from learning.services.certificates import course_certificate_issue

pytestmark = pytest.mark.django_db


def test_certificate_is_dated_on_the_local_day_the_course_was_completed(enrolled, course, settings):  # type: ignore[no-untyped-def]
    assert settings.TIME_ZONE == "Asia/Shanghai"
    # 01:30 on 2 March in Zhengzhou is still 1 March in UTC
    completed = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)
    Enrollment.objects.filter(pk=enrolled.pk).update(completed_at=completed, progress_percent=100)
    certificate = course_certificate_issue(enrollment_id=enrolled.pk)
    assert certificate is not None
    assert certificate.issued_on == dt.date(2026, 3, 2)


def test_no_certificate_while_the_course_is_not_completed(enrolled):  # type: ignore[no-untyped-def]
    assert course_certificate_issue(enrollment_id=enrolled.pk) is None
