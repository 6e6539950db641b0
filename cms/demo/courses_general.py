"""Demo courses for every worker: team safety management, and craftsmanship with innovation methods."""

from __future__ import annotations

from decimal import Decimal

from assessments.models import QuestionKind
from learning.models import CourseLevel, LessonKind

from .course_specs import CourseSpec, LessonSpec, QuestionSpec, QuizSpec, quiz_lesson

_S, _M, _TF, _F = QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE, QuestionKind.FILL_IN
_TEXT = LessonKind.TEXT


# --- 班组安全生产管理 (张宏伟建筑施工技术创新工作室) -------------------------------------------------
_TEAM_SAFETY_QUIZ = QuizSpec(
    title="班组安全生产管理 · 课后测验",
    description="考查三级安全教育、班前会和隐患整改。",
    questions=(
        QuestionSpec(
            _S,
            "新工人上岗前必须接受的“三级安全教育”是指：",
            choices=(
                ("公司级、项目（车间）级、班组级", True),
                ("国家级、省级、市级", False),
                ("入职、转岗、复工", False),
                ("理论、实操、考试", False),
            ),
            explanation="三级安全教育由公司、项目（车间）和班组依次进行，考核合格后方可上岗。",
        ),
        QuestionSpec(
            _M,
            "班前会应当讲清哪些内容？（多选）",
            choices=(
                ("当天的作业任务和人员分工", True),
                ("作业中的危险源和防范措施", True),
                ("检查劳动防护用品是否齐全", True),
                ("下个月的绩效考核办法", False),
            ),
            explanation="班前会只讲当天：任务、风险、措施和防护用品，五到十分钟讲透。",
            points=2,
        ),
        QuestionSpec(
            _TF,
            "发现事故隐患后，班组长可以先口头提醒，等月底再统一整改。",
            answer=False,
            explanation="隐患要立即登记，定人、定措施、定时间整改，整改完成后复查销号。",
        ),
        QuestionSpec(
            _F,
            "我国安全生产方针是“安全第一、____为主、综合治理”。",
            accepted=("预防",),
            explanation="安全第一、预防为主、综合治理。",
        ),
    ),
)

TEAM_SAFETY = CourseSpec(
    slug="team-safety-management",
    title="班组安全生产管理",
    studio="zhang-hongwei-construction",
    summary=(
        "面向一线班组长和安全员：班组安全责任怎么落实，班前会怎么开，危险源怎么辨识，隐患怎么闭环整改。"
        "结合建筑施工现场的案例，讲清“人人讲安全、个个会应急”的做法。"
    ),
    trade="",
    level=CourseLevel.BEGINNER,
    credit_hours=Decimal("2.0"),
    tags=("安全生产", "班组管理"),
    palette=8,
    lessons=(
        LessonSpec(
            slug="responsibility",
            title="班组安全责任与三级安全教育",
            kind=_TEXT,
            body=(
                "<h2>班组长是班组安全第一责任人</h2>"
                "<p>班组长对本班组的作业安全负责：组织班前会，检查作业环境和防护用品，"
                "制止违章指挥和违章作业，发生险情时组织人员撤离。</p>"
                "<h2>三级安全教育</h2>"
                "<p>新进场的工人要依次接受公司级、项目（车间）级和班组级安全教育，考核合格后方可上岗。"
                "班组级教育最贴近现场：讲清本岗位的操作规程、危险部位和应急措施，由老师傅带着走一遍作业面。</p>"
            ),
        ),
        LessonSpec(
            slug="pre-shift-meeting",
            title="开好班前会：五分钟的危险源辨识",
            kind=_TEXT,
            body=(
                "<h2>班前会讲什么</h2>"
                "<ol><li>当天的作业任务和人员分工；</li><li>作业中的危险源和防范措施；</li>"
                "<li>检查安全帽、安全带、绝缘鞋等劳动防护用品；</li><li>昨天发现的隐患整改到哪一步。</li></ol>"
                "<h2>隐患闭环整改</h2>"
                "<p>发现隐患立即登记，做到定人、定措施、定时间；整改完成后由班组长复查，拍照留存后销号。"
                "能当场消除的当场消除，不能消除的先停止作业、设置警示。</p>"
            ),
        ),
        quiz_lesson(_TEAM_SAFETY_QUIZ),
    ),
)

# --- 工匠精神与创新方法 (陈国华新能源客车装调创新工作室) ----------------------------------------------
_INNOVATION_QUIZ = QuizSpec(
    title="工匠精神与创新方法 · 课后测验",
    description="考查工匠精神的内涵、创新五步法和 PDCA 循环。",
    questions=(
        QuestionSpec(
            _S,
            "下列哪一项不属于工匠精神的内涵？",
            choices=(("执着专注", False), ("精益求精", False), ("一丝不苟", False), ("急于求成", True)),
            explanation="工匠精神：执着专注、精益求精、一丝不苟、追求卓越。",
        ),
        QuestionSpec(
            _M,
            "课程介绍的“创新五步法”包括哪些步骤？（多选）",
            choices=(
                ("发现问题", True),
                ("分析原因", True),
                ("试验验证", True),
                ("总结固化", True),
                ("等待上级安排课题", False),
            ),
            explanation="发现问题、分析原因、提出方案、试验验证、总结固化。",
            points=2,
        ),
        QuestionSpec(
            _TF,
            "质量管理小组（QC 小组）活动通常按 PDCA 循环开展。",
            answer=True,
            explanation="计划（P）、实施（D）、检查（C）、处理（A），一个循环解决一个问题。",
        ),
        QuestionSpec(
            _F,
            "PDCA 循环中的字母“C”代表哪个环节？",
            accepted=("检查", "Check"),
            explanation="C 是 Check：检查实施效果，与目标对比。",
        ),
    ),
)

INNOVATION = CourseSpec(
    slug="craftsmanship-and-innovation",
    title="工匠精神与创新方法",
    studio="chen-guohua-ev-bus",
    summary=(
        "劳模工匠讲述怎样从岗位上的“小毛病”找到创新课题：合理化建议怎么提，质量管理小组怎么做，"
        "技术改进怎么总结成专利和工法。适合所有想参加创新工作室活动的职工。"
    ),
    trade="",
    level=CourseLevel.BEGINNER,
    credit_hours=Decimal("2.0"),
    tags=("工匠精神", "创新方法", "合理化建议"),
    palette=4,
    lessons=(
        LessonSpec(
            slug="craftsmanship",
            title="什么是工匠精神",
            kind=_TEXT,
            body=(
                "<p>工匠精神概括为十六个字：<b>执着专注、精益求精、一丝不苟、追求卓越</b>。</p>"
                "<h2>在岗位上是什么样子</h2>"
                "<p>陈国华刚进厂时负责整车线束装调，他给自己定了一个规矩：每台车下线前，亲手把每一个插接件再按一遍。"
                "十几年下来，他总结出的高压系统分段绝缘检测法，让下线车辆一次交检合格率稳定在 98% 以上。</p>"
                "<p>工匠精神不只是手艺好，更是对每一道工序负责的态度：今天比昨天做得好一点，就是精益求精。</p>"
            ),
        ),
        LessonSpec(
            slug="five-steps",
            title="从一条合理化建议到一项专利：创新五步法",
            kind=_TEXT,
            body=(
                "<ol><li><b>发现问题</b>：把岗位上反复出现的“小毛病”记下来，返工多、耗时长、容易出错的地方就是课题；</li>"
                "<li><b>分析原因</b>：用鱼骨图从人、机、料、法、环、测六个方面找原因，找到主要原因；</li>"
                "<li><b>提出方案</b>：师徒一起想办法，优先考虑简单、便宜、见效快的改法；</li>"
                "<li><b>试验验证</b>：小范围试用，用数据说话，和改进前对比；</li>"
                "<li><b>总结固化</b>：写进作业指导书，成熟的成果申报合理化建议、专利或工法。</li></ol>"
                "<p>质量管理小组（QC 小组）按 PDCA 循环开展活动：计划、实施、检查、处理，一个循环解决一个问题。</p>"
            ),
        ),
        quiz_lesson(_INNOVATION_QUIZ),
    ),
)
