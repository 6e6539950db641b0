"""The demo courses (课程): five courses authored by five studios, their lessons and quizzes, a required
course (必修) assigned by the city union, and what the demo workers have studied so far.

The techniques described are common shop-floor practice, written for the demo; they are not a standard
to work to. Natural keys: course and lesson ``slug`` (under their parent page), quiz and document ``title``.
"""

from __future__ import annotations

from .course_specs import AssignmentSpec, CourseSpec, StudySpec
from .courses_general import INNOVATION, TEAM_SAFETY
from .courses_trades import CNC, LIVE_LINE, WELDING
from .data import PageText

COURSE_INDEX = PageText(
    slug="courses",
    title="课程中心",
    intro="劳模工匠亲自讲授的技能课程：按工种、难度筛选，报名后在手机上随时学习，学时和积分自动记入学习台账。",
)


COURSES: tuple[CourseSpec, ...] = (CNC, LIVE_LINE, WELDING, TEAM_SAFETY, INNOVATION)

#: Required courses (必修), assigned by the city union's staff member.
ASSIGNMENTS: tuple[AssignmentSpec, ...] = (
    # a district's subtree: 二七区 and the enterprises below it
    AssignmentSpec(
        course=TEAM_SAFETY.slug,
        organisation="erqi",
        staff="zzgh_staff",
        due_in=30,
        note="安全生产月必修课：班组长、安全员和一线职工都要在截止日期前学完并通过测验。",
    ),
    # the machinery and metallurgy union's subtree, where the demo worker 张伟 works (郑煤机)
    AssignmentSpec(
        course=TEAM_SAFETY.slug,
        organisation="jixie-yejin",
        staff="zzgh_staff",
        due_in=21,
        note="安全生产月必修课：请在截止日期前学完并通过测验。",
    ),
)

#: What the demo workers have studied: 张伟 has a required course and two courses of his own choice under way.
STUDY: tuple[StudySpec, ...] = (
    StudySpec("zhangwei", TEAM_SAFETY.slug, lessons_read=("responsibility",)),
    StudySpec(
        "zhangwei",
        CNC.slug,
        lessons_read=("lathe-basics", "tool-setting"),
        document_pages={"process-card": ((1,), 2)},
    ),
    StudySpec("zhangwei", INNOVATION.slug, lessons_read=("craftsmanship",)),
    StudySpec("yuanfang", INNOVATION.slug),
    StudySpec("fengbin", TEAM_SAFETY.slug, lessons_read=("responsibility", "pre-shift-meeting")),
)
