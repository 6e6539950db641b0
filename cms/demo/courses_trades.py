"""Demo courses for one trade each: CNC turning, live-line work on distribution lines, welding."""

from __future__ import annotations

from decimal import Decimal

from assessments.models import QuestionKind
from learning.models import CourseLevel, LessonKind

from .course_specs import CourseSpec, DocumentSpec, LessonSpec, QuestionSpec, QuizSpec, quiz_lesson

_S, _M, _TF, _F = QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE, QuestionKind.FILL_IN
_TEXT, _DOC = LessonKind.TEXT, LessonKind.DOCUMENT


# --- 数控车床精密加工入门 (王建军数控加工技术创新工作室) -------------------------------------------
_CNC_QUIZ = QuizSpec(
    title="数控车床精密加工入门 · 课后测验",
    description="考查数控车床坐标系、开机前检查、安全禁令和刀具磨损补偿。",
    questions=(
        QuestionSpec(
            _S,
            "数控车床的 Z 轴通常是：",
            choices=(
                ("与主轴中心线平行，刀具远离工件的方向为正", True),
                ("与主轴中心线垂直，指向操作者为正", False),
                ("由操作者在每个程序里任意规定", False),
                ("与床身导轨垂直的方向", False),
            ),
            explanation="车床以主轴中心线为 Z 轴，刀具远离工件为正方向；X 轴沿工件径向。",
        ),
        QuestionSpec(
            _M,
            "开机前的“三查”包括哪些？（多选）",
            choices=(("查润滑", True), ("查卡盘", True), ("查防护", True), ("查车间温度", False)),
            explanation="润滑、卡盘和防护装置，三样都查过才能开机。",
            points=2,
        ),
        QuestionSpec(
            _TF,
            "机床运转时，可以戴手套用手清理缠在工件上的切屑。",
            answer=False,
            explanation="运转中严禁戴手套操作，严禁用手清理切屑，应停机后用铁钩清理。",
        ),
        QuestionSpec(
            _F,
            "批量加工中，实测外径比目标尺寸大 0.02 毫米，应在 X 向磨损补偿中输入多少？",
            accepted=("-0.02", "-0.020", "负0.02"),
            explanation="直径偏大就减：在磨损补偿中输入 -0.02，不要改程序。",
        ),
    ),
)

CNC = CourseSpec(
    slug="cnc-lathe-precision-basics",
    title="数控车床精密加工入门",
    studio="wang-jianjun-cnc",
    summary=(
        "从数控车床的坐标系和安全操作讲起，到对刀、刀具补偿和尺寸检验，帮助入职一到三年的数控车工打牢基本功。"
        "案例取自液压支架立柱、缸筒等典型零件。"
    ),
    trade="数控车工",
    level=CourseLevel.BEGINNER,
    credit_hours=Decimal("4.0"),
    tags=("数控车削", "精度控制", "新职工入门"),
    palette=0,
    lessons=(
        LessonSpec(
            slug="lathe-basics",
            title="认识数控车床：坐标系与安全操作规程",
            kind=_TEXT,
            body=(
                "<h2>机床坐标系与工件坐标系</h2>"
                "<p>数控车床以主轴中心线为 Z 轴，刀具远离工件的方向为正；X 轴沿工件径向，一般按直径值编程。"
                "机床坐标系在开机回参考点后建立，工件坐标系由操作者对刀后设定，程序里的尺寸都以工件坐标系为准。</p>"
                "<h2>开机前的“三查”</h2>"
                "<ul><li>查润滑：导轨油、主轴润滑油的油位在刻线范围内；</li>"
                "<li>查卡盘：卡爪没有裂纹，工件夹持可靠，卡盘扳手已经取下；</li>"
                "<li>查防护：防护门、急停按钮和行程限位动作正常。</li></ul>"
                "<h2>操作中的禁令</h2>"
                "<p>机床运转时严禁戴手套操作，严禁用手清理切屑，严禁打开防护门测量工件。"
                "首件加工一律单段运行，并把快速倍率调到 25% 以下，确认刀具轨迹无误后再连续加工。</p>"
            ),
        ),
        LessonSpec(
            slug="tool-setting",
            title="对刀与刀具补偿",
            kind=_TEXT,
            body=(
                "<h2>试切对刀三步</h2>"
                "<ol><li>手动试切一段外圆，沿 Z 向退刀，停机测量直径，把测得的直径输入刀具补偿画面的 X 值；</li>"
                "<li>试切端面，沿 X 向退刀，在 Z 值中输入 0；</li>"
                "<li>用 MDI 方式运行一段短程序，让刀尖停在已知位置，核对坐标显示。</li></ol>"
                "<h2>磨损补偿怎么用</h2>"
                "<p>批量加工中刀片逐渐磨损，外径会慢慢变大。这时不要改程序，而是在磨损补偿中输入差值："
                "实测直径比目标大 0.02 毫米，就在 X 向磨损补偿里输入 -0.02。</p>"
                "<p><b>工作室经验：</b>每换一次刀片都重新试切一次；精车前留 0.3～0.5 毫米余量，"
                "用同一把千分尺、在同一温度下测量，测量误差比你想象的大。</p>"
            ),
        ),
        LessonSpec(
            slug="process-card",
            title="典型零件加工工艺卡",
            kind=_DOC,
            body="<p>工作室编写的立柱活塞杆车削工艺卡和检验要点，共 2 页。在线读完全部页面后本课时自动完成。</p>",
            document=DocumentSpec(
                title="数控车削典型零件加工工艺卡（立柱活塞杆）",
                filename="demo-cnc-process-card.pdf",
                subtitle="王建军数控加工技术创新工作室 编",
                pages=(
                    (
                        "立柱活塞杆车削工艺卡",
                        "<table><tr><th>工序</th><th>内容</th><th>刀具</th><th>要点</th></tr>"
                        "<tr><td>10</td><td>车端面、钻中心孔</td><td>T01 端面车刀</td><td>端面平整，中心孔无毛刺</td></tr>"
                        "<tr><td>20</td><td>粗车外圆，单边留 0.5 毫米</td><td>T02 外圆粗车刀</td><td>切削液充足</td></tr>"
                        "<tr><td>30</td><td>半精车外圆、倒角</td><td>T03 外圆精车刀</td><td>首件单段运行</td></tr>"
                        "<tr><td>40</td><td>车密封槽</td><td>T04 切槽刀</td><td>槽底圆角 R0.4</td></tr>"
                        "<tr><td>50</td><td>精车外圆至尺寸</td><td>T03 外圆精车刀</td><td>按实测值修正磨损补偿</td></tr>"
                        "</table>",
                    ),
                    (
                        "检验要点与常见问题",
                        "<ul><li>外径用外径千分尺测量，每件测两端和中间三个截面；</li>"
                        "<li>表面粗糙度用样块比对，密封配合面不低于 Ra0.8；</li>"
                        "<li>尺寸逐件变大：检查刀片磨损，修正磨损补偿；</li>"
                        "<li>表面有振纹：缩短刀杆伸出长度，降低转速，检查顶尖是否顶紧。</li></ul>",
                    ),
                ),
            ),
        ),
        quiz_lesson(_CNC_QUIZ),
    ),
)
# --- 电力线路带电作业安全规范 (赵志刚配网带电作业创新工作室) ---------------------------------------
_LIVE_LINE_QUIZ = QuizSpec(
    title="电力线路带电作业安全规范 · 课后测验",
    description="考查带电作业的气象条件、工作票和安全交底、绝缘工器具检查。限时 15 分钟，最多作答 3 次。",
    pass_mark=80,
    max_attempts=3,
    time_limit_minutes=15,
    questions=(
        QuestionSpec(
            _S,
            "下列哪种天气条件下，可以进行配电线路带电作业？",
            choices=(
                ("阴天，风力 3 级，相对湿度 60%", True),
                ("小雨，风力 2 级", False),
                ("晴天，风力 6 级", False),
                ("远处有雷声，风力 2 级", False),
            ),
            explanation="雷电、雪、雹、雨、雾天不得带电作业；风力大于 5 级或相对湿度大于 80% 时一般不宜进行。",
        ),
        QuestionSpec(
            _M,
            "作业前的安全交底要做到哪“四清楚”？（多选）",
            choices=(
                ("作业任务清楚", True),
                ("危险点清楚", True),
                ("作业程序清楚", True),
                ("安全措施清楚", True),
                ("绩效考核清楚", False),
            ),
            explanation="任务、危险点、程序、安全措施，每位作业人员都要清楚并签字确认。",
            points=2,
        ),
        QuestionSpec(
            _TF,
            "只要有专人监护，带电作业可以不办理工作票。",
            answer=False,
            explanation="带电作业必须办理带电作业工作票，并设专责监护人。",
        ),
        QuestionSpec(
            _F,
            "绝缘工具使用前，用 2500 V 及以上绝缘电阻表分段检测，阻值不低于多少兆欧？",
            accepted=("700", "700MΩ", "700兆欧"),
            explanation="电极宽 2 厘米、极间宽 2 厘米分段检测，阻值不低于 700 MΩ。",
        ),
    ),
)

LIVE_LINE = CourseSpec(
    slug="live-line-work-safety",
    title="电力线路带电作业安全规范",
    studio="zhao-zhigang-live-line",
    summary=(
        "讲解 10 千伏配电线路带电作业的适用条件、作业前的工作票和安全交底、绝缘工器具检查和现场监护要点，"
        "并复盘两起未遂事件。适合已取得带电作业资格的配电线路工复训。"
    ),
    trade="配电线路工",
    level=CourseLevel.INTERMEDIATE,
    credit_hours=Decimal("3.0"),
    tags=("带电作业", "安全规程", "配电网"),
    palette=2,
    lessons=(
        LessonSpec(
            slug="principles",
            title="带电作业的基本方法与适用条件",
            kind=_TEXT,
            body=(
                "<h2>两种常用方法</h2>"
                "<p><b>绝缘杆作业法</b>：作业人员与带电体保持规定的安全距离，通过绝缘工具操作。"
                "<b>绝缘手套作业法</b>：作业人员站在绝缘斗臂车的绝缘斗内，戴绝缘手套直接接触带电体，"
                "身上穿戴全套绝缘防护用具，对邻近的带电体和接地体设置绝缘遮蔽。</p>"
                "<h2>什么时候不能干</h2>"
                "<p>雷电、雪、雹、雨、雾天不得进行带电作业；风力大于 5 级、相对湿度大于 80% 时一般不宜进行。"
                "作业中天气突然变化，工作负责人应立即决定停止作业，并使设备恢复到安全状态。</p>"
            ),
        ),
        LessonSpec(
            slug="briefing-and-tools",
            title="作业前的安全交底与工器具检查",
            kind=_TEXT,
            body=(
                "<h2>工作票与现场勘察</h2>"
                "<p>带电作业必须办理带电作业工作票。复杂作业在开工前要现场勘察，核对线路名称、杆号和设备状况。</p>"
                "<h2>安全交底“四清楚”</h2>"
                "<ul><li>作业任务清楚；</li><li>危险点清楚；</li><li>作业程序清楚；</li><li>安全措施清楚。</li></ul>"
                "<h2>绝缘工器具检查</h2>"
                "<p>绝缘手套使用前做充气检查，确认无漏气；绝缘工具表面用干净毛巾擦拭后，"
                "用 2500 V 及以上绝缘电阻表分段检测，阻值不低于 700 MΩ。斗臂车在作业前空斗试操作一次。</p>"
            ),
        ),
        LessonSpec(
            slug="site-checklist",
            title="带电作业现场安全检查表",
            kind=_DOC,
            body="<p>班组在每次带电作业前逐项勾选的检查表，共 1 页。</p>",
            document=DocumentSpec(
                title="配网带电作业现场安全检查表",
                filename="demo-live-line-checklist.pdf",
                subtitle="赵志刚配网带电作业创新工作室 编",
                pages=(
                    (
                        "现场安全检查表",
                        "<table><tr><th>序号</th><th>检查项目</th><th>结果</th></tr>"
                        "<tr><td>1</td><td>工作票已签发，线路名称、杆号与现场一致</td><td>□</td></tr>"
                        "<tr><td>2</td><td>天气：无雷雨雪雾，风力不大于 5 级，湿度不大于 80%</td><td>□</td></tr>"
                        "<tr><td>3</td><td>安全交底已完成，作业人员签字确认</td><td>□</td></tr>"
                        "<tr><td>4</td><td>绝缘手套充气检查无漏气</td><td>□</td></tr>"
                        "<tr><td>5</td><td>绝缘工具分段检测，阻值不低于 700 MΩ</td><td>□</td></tr>"
                        "<tr><td>6</td><td>斗臂车空斗试操作正常，支腿稳固、接地可靠</td><td>□</td></tr>"
                        "<tr><td>7</td><td>专责监护人到位，作业范围已设围栏和警示牌</td><td>□</td></tr>"
                        "</table>",
                    ),
                ),
            ),
        ),
        quiz_lesson(_LIVE_LINE_QUIZ),
    ),
)
# --- 焊接工艺与质量控制 (刘海峰盾构装备焊接创新工作室) ---------------------------------------------
_WELDING_QUIZ = QuizSpec(
    title="焊接工艺与质量控制 · 课后测验",
    description="考查焊接缺陷的分类和成因、厚板焊接的温度控制和焊后检验。",
    questions=(
        QuestionSpec(
            _S,
            "焊缝中出现密集气孔，最常见的原因是：",
            choices=(
                ("焊材受潮或坡口有油、锈、水分", True),
                ("焊接速度过慢", False),
                ("焊缝余高过大", False),
                ("焊后冷却太慢", False),
            ),
            explanation="焊条、焊丝受潮和坡口不清洁是气孔的主要来源：焊前烘干焊材，坡口两侧 20 毫米范围打磨干净。",
        ),
        QuestionSpec(
            _M,
            "下列哪些属于焊缝内部缺陷？（多选）",
            choices=(("气孔", True), ("夹渣", True), ("未熔合", True), ("咬边", False)),
            explanation="咬边在焊缝表面，目视即可发现；气孔、夹渣、未熔合藏在内部，要靠无损检测。",
            points=2,
        ),
        QuestionSpec(
            _TF,
            "厚板多层多道焊时，层间温度越高越好，可以不加控制。",
            answer=False,
            explanation="层间温度过高会使热影响区晶粒粗大、韧性下降，要控制在工艺规定的上下限之间。",
        ),
        QuestionSpec(
            _F,
            "刀盘焊缝常用超声波探伤检验。超声波检测的英文缩写是什么？",
            accepted=("UT",),
            explanation="UT 即 Ultrasonic Testing；射线检测是 RT，磁粉检测是 MT。",
        ),
    ),
)

WELDING = CourseSpec(
    slug="welding-quality-control",
    title="焊接工艺与质量控制",
    studio="liu-haifeng-welding",
    summary=(
        "以盾构机刀盘、主驱动箱体等厚板结构件为例，讲解常见焊接缺陷的成因与预防、焊前预热和层间温度控制、"
        "焊后检验方法，并介绍工作室总结的厚板多层多道窄间隙焊接法。"
    ),
    trade="焊工",
    level=CourseLevel.ADVANCED,
    credit_hours=Decimal("4.0"),
    tags=("焊接", "质量控制", "盾构装备"),
    palette=1,
    lessons=(
        LessonSpec(
            slug="weld-defects",
            title="常见焊接缺陷及其成因",
            kind=_TEXT,
            body=(
                "<h2>表面缺陷</h2>"
                "<p><b>咬边</b>多由电流过大、电弧过长或焊条角度不当造成；<b>焊瘤</b>和<b>弧坑</b>则与收弧手法有关。"
                "表面缺陷目视和放大镜检查就能发现，要在焊完当层时及时修磨。</p>"
                "<h2>内部缺陷</h2>"
                "<ul><li><b>气孔</b>：焊材受潮，坡口有油、锈、水分，保护气体流量不足；</li>"
                "<li><b>夹渣</b>：多层焊时层间清渣不彻底；</li>"
                "<li><b>未熔合、未焊透</b>：坡口角度太小、电流偏小、焊接速度过快；</li>"
                "<li><b>裂纹</b>：拘束度大、预热不足、焊材含氢量高，危害最大，一经发现必须清除重焊。</li></ul>"
            ),
        ),
        LessonSpec(
            slug="thick-plate",
            title="厚板焊接：预热、层间温度与变形控制",
            kind=_TEXT,
            body=(
                "<h2>预热</h2>"
                "<p>预热温度按母材碳当量、板厚和拘束度确定。用红外测温仪在距坡口 75 毫米处测量，"
                "整个焊接过程中不得低于规定的最低预热温度。</p>"
                "<h2>层间温度</h2>"
                "<p>层间温度过低容易产生冷裂纹，过高则使热影响区晶粒粗大、韧性下降。每焊完一道都要测温，"
                "超过上限就停下来等待，不能图快。</p>"
                "<h2>多层多道窄间隙焊接法</h2>"
                "<p>工作室把刀盘厚板的坡口间隙收窄，采用多层多道、对称施焊和分段退焊，配合反变形预置，"
                "使刀盘焊缝一次探伤合格率由 92% 提高到 99.3%，焊接变形控制在 2 毫米以内。</p>"
            ),
        ),
        quiz_lesson(_WELDING_QUIZ),
    ),
)
