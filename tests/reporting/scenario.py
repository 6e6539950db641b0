"""One year of learning in 金水区 and 二七区, known figure by figure (see the overview and learners tests)."""

from __future__ import annotations

import datetime as dt

from learning.models import LedgerKind

from .factories import completion_create, enrolment_create, ledger_create, local, this_year


def year_scenario(*, learners: dict, course, course2) -> None:  # type: ignore[no-untyped-def]
    year = this_year().year
    # 甲一 (a1): enrolled and completed this year, 2 学时, 10 积分
    completion_create(user=learners["a1_x"], course=course, enrolled_at=local(this_year(3, 1)),
                      completed_at=local(this_year(3, 10)))
    # 甲二 (a1): enrolled in course2 this year, not completed, 3 study-time points
    enrolment_create(user=learners["a1_y"], course=course2, enrolled_at=local(this_year(4, 1)), progress=40)
    ledger_create(user=learners["a1_y"], day=this_year(4, 1), points=3, course=course2, kind=LedgerKind.STUDY_TIME)
    # 甲二 (a1): enrolled 23:30 on 31 December last year (Beijing time), completed 00:30 on 1 January
    completion_create(user=learners["a1_y"], course=course, enrolled_at=local(dt.date(year - 1, 12, 31), 23, 30),
                      completed_at=local(dt.date(year, 1, 1), 0, 30))
    # 乙一 (a2): enrolled and completed this year
    completion_create(user=learners["a2_z"], course=course, enrolled_at=local(this_year(5, 1)),
                      completed_at=local(this_year(5, 2)))
    # 丙一 (b1, 二七区): must never show up for 金水区 staff
    completion_create(user=learners["b1_w"], course=course, enrolled_at=local(this_year(2, 1)),
                      completed_at=local(this_year(2, 2)), hours="3.5", points=20)
