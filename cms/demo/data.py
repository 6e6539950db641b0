"""The demo content: a plausible Zhengzhou union tree, its studios, people and pages.

Every organisation below is modelled on the kind of unit found in Zhengzhou; every person is
fictional, and the studio achievements are illustrative, not claims about real people or units.
Natural keys (organisation ``code``, ``username``, studio ``slug``, page ``slug``, image and featured
item ``title``) make the loader idempotent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from accounts.models import Role, SkillLevel
from organisations.models import OrganisationKind
from studios.models import Industry, StudioLevel

#: Every demo account shares this password (documented in README.md and printed by ``make demo``).
DEMO_PASSWORD = "Jianglian@2026"
#: Demo e-mail addresses live under the reserved ``.example`` top-level domain.
EMAIL_DOMAIN = "demo.jianglian.example"


@dataclass(frozen=True)
class OrgSpec:
    code: str
    name: str
    kind: str
    parent: str | None = None
    short_name: str = ""


@dataclass(frozen=True)
class PersonSpec:
    username: str
    real_name: str
    role: str
    organisation: str | None
    mobile: str | None = None
    employer: str = ""
    trade: str = ""
    skill_level: str = SkillLevel.NONE
    employee_number: str = ""


@dataclass(frozen=True)
class StudioSpec:
    slug: str
    name: str
    organisation: str
    lead: str
    members: tuple[str, ...]
    industry: str
    level: str
    founded_on: datetime.date
    intro: str
    profile: str
    #: (month, day) of this year's 上线进网, or None while the studio is not online yet
    online: tuple[int, int] | None
    palette: int


@dataclass(frozen=True)
class FeaturedSpec:
    title: str
    summary: str
    page_slug: str
    organisation: str
    #: publish window in days relative to the moment the demo is loaded; ``ends`` None means open-ended
    starts: int
    ends: int | None = None
    image_of_studio: str = ""


@dataclass(frozen=True)
class PageText:
    slug: str
    title: str
    intro: str
    sections: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


_K = OrganisationKind

# --- organisations -------------------------------------------------------------------------------
CITY = "zzgh"

ORGANISATIONS: tuple[OrgSpec, ...] = (
    OrgSpec(CITY, "郑州市总工会", _K.CITY_FEDERATION, short_name="市总工会"),
    # 区县(市)总工会 and development zones
    OrgSpec("jinshui", "郑州市金水区总工会", _K.DISTRICT, CITY, "金水区总工会"),
    OrgSpec("erqi", "郑州市二七区总工会", _K.DISTRICT, CITY, "二七区总工会"),
    OrgSpec("zhongyuan", "郑州市中原区总工会", _K.DISTRICT, CITY, "中原区总工会"),
    OrgSpec("guancheng", "郑州市管城回族区总工会", _K.DISTRICT, CITY, "管城回族区总工会"),
    OrgSpec("zhengdong", "郑东新区工会", _K.DEVELOPMENT_ZONE, CITY, "郑东新区工会"),
    OrgSpec("gaoxin", "郑州高新技术产业开发区工会", _K.DEVELOPMENT_ZONE, CITY, "高新区工会"),
    # 产业工会
    OrgSpec("jixie-yejin", "郑州市机械冶金工会", _K.INDUSTRY, CITY, "机械冶金工会"),
    OrgSpec("nengyuan-huaxue", "郑州市能源化学工会", _K.INDUSTRY, CITY, "能源化学工会"),
    OrgSpec("jiaotong-yunshu", "郑州市交通运输工会", _K.INDUSTRY, CITY, "交通运输工会"),
    # grassroots unions and enterprises
    OrgSpec("zz-first-hospital", "郑州市第一人民医院工会", _K.GRASSROOTS, "jinshui", "市一院工会"),
    OrgSpec("zhihuidao-tech", "郑州智慧岛数字科技有限公司", _K.ENTERPRISE, "zhengdong", "智慧岛数科"),
    OrgSpec("erqi-construction", "郑州二七建设集团有限公司", _K.ENTERPRISE, "erqi", "二七建设"),
    OrgSpec("huayuan-forging", "郑州华源铸锻有限公司", _K.ENTERPRISE, "erqi", "华源铸锻"),
    OrgSpec("sanquan", "郑州三全食品股份有限公司", _K.ENTERPRISE, "zhongyuan", "三全食品"),
    OrgSpec("yutong", "宇通客车股份有限公司", _K.ENTERPRISE, "guancheng", "宇通客车"),
    OrgSpec("crtg", "中铁工程装备集团有限公司", _K.ENTERPRISE, "gaoxin", "中铁装备"),
    OrgSpec("zmj", "郑州煤矿机械集团股份有限公司", _K.ENTERPRISE, "jixie-yejin", "郑煤机"),
    OrgSpec("sgcc-zz", "国网郑州供电公司", _K.ENTERPRISE, "nengyuan-huaxue", "郑州供电"),
    OrgSpec("zz-gas", "郑州燃气股份有限公司", _K.ENTERPRISE, "nengyuan-huaxue", "郑州燃气"),
    OrgSpec("zz-metro-ops", "郑州地铁集团运营分公司工会", _K.GRASSROOTS, "jiaotong-yunshu", "地铁运营"),
    OrgSpec("zz-bus", "郑州公交集团有限公司", _K.ENTERPRISE, "jiaotong-yunshu", "郑州公交"),
)

EMPLOYERS: dict[str, str] = {
    "zz-first-hospital": "郑州市第一人民医院",
    "zz-metro-ops": "郑州地铁集团有限公司运营分公司",
}


def employer_of(code: str) -> str:
    """The employer written on a person's profile: the unit's name, without “工会” for union nodes."""
    if code in EMPLOYERS:
        return EMPLOYERS[code]
    return next(org.name for org in ORGANISATIONS if org.code == code)


# --- people --------------------------------------------------------------------------------------
ADMIN = PersonSpec("admin", "平台管理员", Role.ADMIN, None)

UNION_STAFF: tuple[PersonSpec, ...] = (
    PersonSpec("zzgh_staff", "张晓燕", Role.UNION_STAFF, CITY, "13903710001", "郑州市总工会"),
    PersonSpec("jinshui_staff", "王丽娟", Role.UNION_STAFF, "jinshui", "13903710002", "郑州市金水区总工会"),
    PersonSpec("erqi_staff", "刘建华", Role.UNION_STAFF, "erqi", "13903710003", "郑州市二七区总工会"),
)

_L = SkillLevel

# (username, real name, organisation code, trade, skill level, 工号); mobiles are numbered in order.
_Row = tuple[str, str, str, str, str, str]

_MASTER_ROWS: tuple[_Row, ...] = (
    ("wangjianjun", "王建军", "zmj", "数控车工", _L.CHIEF, "ZMJ0108"),
    ("liuhaifeng", "刘海峰", "crtg", "焊工", _L.SPECIAL, "CRTG2031"),
    ("zhaozhigang", "赵志刚", "sgcc-zz", "配电线路工", _L.LEVEL_1, "GW10276"),
    ("sunlina", "孙丽娜", "zz-metro-ops", "轨道车辆检修工", _L.LEVEL_1, "DT0519"),
    ("chenguohua", "陈国华", "yutong", "汽车装调工", _L.SPECIAL, "YT06688"),
    ("lixiumei", "李秀梅", "zz-first-hospital", "护理", _L.NONE, "SY1123"),
    ("zhouhongxia", "周红霞", "sanquan", "食品检验员", _L.LEVEL_1, "SQ3307"),
    ("maweidong", "马卫东", "huayuan-forging", "钳工", _L.LEVEL_1, "HY0215"),
    ("zhanghongwei", "张宏伟", "erqi-construction", "钢筋工", _L.LEVEL_2, "EQ0736"),
    ("guoxiaodong", "郭晓东", "zz-bus", "汽车维修工", _L.LEVEL_2, "GJ4052"),
)
_WORKER_ROWS: tuple[_Row, ...] = (
    ("zhangwei", "张伟", "zmj", "数控车工", _L.LEVEL_3, "ZMJ1024"),
    ("yangjing", "杨静", "zmj", "数控铣工", _L.LEVEL_4, "ZMJ1187"),
    ("huanglei", "黄磊", "crtg", "焊工", _L.LEVEL_2, "CRTG2210"),
    ("wutingting", "吴婷婷", "crtg", "焊工", _L.LEVEL_3, "CRTG2245"),
    ("xuqiang", "徐强", "sgcc-zz", "配电线路工", _L.LEVEL_2, "GW10533"),
    ("sunhao", "孙浩", "sgcc-zz", "变电检修工", _L.LEVEL_3, "GW10871"),
    ("hujun", "胡军", "sgcc-zz", "电力电缆工", _L.LEVEL_4, "GW11002"),
    ("zhuli", "朱丽", "zz-metro-ops", "轨道车辆检修工", _L.LEVEL_3, "DT0872"),
    ("gaopeng", "高鹏", "zz-metro-ops", "轨道车辆检修工", _L.LEVEL_4, "DT0935"),
    ("linfeng", "林峰", "yutong", "汽车装调工", _L.LEVEL_2, "YT07120"),
    ("hejing", "何静", "yutong", "汽车电器装调工", _L.LEVEL_3, "YT07342"),
    ("luomin", "罗敏", "yutong", "汽车装调工", _L.LEVEL_4, "YT07518"),
    ("songjia", "宋佳", "zz-first-hospital", "护理", _L.NONE, "SY1460"),
    ("hanxue", "韩雪", "zz-first-hospital", "护理", _L.NONE, "SY1502"),
    ("zhengkai", "郑凯", "sanquan", "面点师", _L.LEVEL_3, "SQ3561"),
    ("xietao", "谢涛", "sanquan", "食品检验员", _L.LEVEL_4, "SQ3620"),
    ("liangyu", "梁宇", "huayuan-forging", "钳工", _L.LEVEL_3, "HY0442"),
    ("tangliang", "唐亮", "huayuan-forging", "模具钳工", _L.LEVEL_4, "HY0467"),
    ("fengbin", "冯斌", "erqi-construction", "钢筋工", _L.LEVEL_3, "EQ0911"),
    ("caoyan", "曹艳", "erqi-construction", "砌筑工", _L.LEVEL_4, "EQ0958"),
    ("dengchao", "邓超", "zz-bus", "汽车维修工", _L.LEVEL_3, "GJ4318"),
    ("penglili", "彭丽丽", "zz-bus", "汽车电工", _L.LEVEL_4, "GJ4376"),
    ("yuanfang", "袁方", "zz-gas", "燃气管网运行工", _L.LEVEL_3, "RQ2081"),
)


def _people(rows: tuple[_Row, ...], *, role: str, mobile_base: int) -> tuple[PersonSpec, ...]:
    return tuple(
        PersonSpec(
            username=username,
            real_name=real_name,
            role=role,
            organisation=org,
            mobile=str(mobile_base + number),
            employer=employer_of(org),
            trade=trade,
            skill_level=level,
            employee_number=employee_number,
        )
        for number, (username, real_name, org, trade, level, employee_number) in enumerate(rows, start=1)
    )


MASTERS = _people(_MASTER_ROWS, role=Role.MASTER, mobile_base=13803710100)
WORKERS = _people(_WORKER_ROWS, role=Role.WORKER, mobile_base=13803710200)


def people() -> tuple[PersonSpec, ...]:
    return (ADMIN, *UNION_STAFF, *MASTERS, *WORKERS)


# --- studios -------------------------------------------------------------------------------------
_N, _P, _C, _D, _X = (
    StudioLevel.NATIONAL,
    StudioLevel.PROVINCIAL,
    StudioLevel.CITY,
    StudioLevel.DISTRICT,
    StudioLevel.NONE,
)

STUDIOS: tuple[StudioSpec, ...] = (
    StudioSpec(
        slug="wang-jianjun-cnc",
        name="王建军数控加工技术创新工作室",
        organisation="zmj",
        lead="wangjianjun",
        members=("zhangwei", "yangjing"),
        industry=Industry.MANUFACTURING,
        level=_N,
        founded_on=datetime.date(2016, 5, 20),
        intro="扎根液压支架结构件生产线，专攻大型结构件的高精度数控加工。",
        profile=(
            "工作室依托液压支架结构件生产线，聚焦大型结构件数控加工精度与效率提升。"
            "团队先后攻克立柱缸筒深孔镗削振纹、推移杆异形孔一次装夹成型等工艺难题，累计完成技术革新 40 余项，"
            "其中 6 项获国家实用新型专利。"
            "工作室推行“一人一课题、师徒同攻关”，近五年培养高级技师 9 名、技师 23 名。"
            "自主编写的《数控车削典型零件加工手册》已在企业 12 个车间推广使用。"
        ),
        online=(6, 18),
        palette=0,
    ),
    StudioSpec(
        slug="liu-haifeng-welding",
        name="刘海峰盾构装备焊接创新工作室",
        organisation="crtg",
        lead="liuhaifeng",
        members=("huanglei", "wutingting"),
        industry=Industry.MANUFACTURING,
        level=_P,
        founded_on=datetime.date(2018, 9, 12),
        intro="为盾构机刀盘、主驱动箱体等关键部件的焊接质量把关。",
        profile=(
            "工作室围绕盾构机刀盘、主驱动箱体等关键部件的焊接质量开展攻关。"
            "团队总结出“厚板多层多道窄间隙焊接法”，使刀盘焊缝一次探伤合格率由 92% 提升到 99.3%，"
            "焊接变形控制在 2 毫米以内。"
            "工作室与本地职业院校共建焊接实训基地，每年开展焊工技能培训 300 余人次。"
            "成员中已有 3 人在省级焊工技能大赛中获得前三名。"
        ),
        online=(7, 9),
        palette=1,
    ),
    StudioSpec(
        slug="zhao-zhigang-live-line",
        name="赵志刚配网带电作业创新工作室",
        organisation="sgcc-zz",
        lead="zhaozhigang",
        members=("xuqiang", "sunhao", "hujun"),
        industry=Industry.ENERGY,
        level=_P,
        founded_on=datetime.date(2017, 4, 26),
        intro="专注 10 千伏配电网带电作业，让用户少停电、不停电。",
        profile=(
            "工作室专注 10 千伏配电网带电作业技术，目标是“让用户少停电、不停电”。"
            "团队研制的绝缘斗臂车作业辅助支架、带电断接引线专用工具等 18 项成果已在全市推广，"
            "年均减少停电时户数 2 万余。"
            "工作室建成带电作业实训场和虚拟现实仿真培训系统，新员工实操考核通过率提高 30%。"
            "近三年完成质量管理小组成果 11 项，其中 2 项获省级一等奖。"
        ),
        online=(7, 28),
        palette=2,
    ),
    StudioSpec(
        slug="sun-lina-metro",
        name="孙丽娜地铁车辆检修创新工作室",
        organisation="zz-metro-ops",
        lead="sunlina",
        members=("zhuli", "gaopeng"),
        industry=Industry.RAIL,
        level=_C,
        founded_on=datetime.date(2019, 11, 8),
        intro="守护电客车转向架、制动和车门系统，让每一趟列车安全准点。",
        profile=(
            "工作室承担地铁电客车转向架、制动系统和车门系统的检修技术攻关。"
            "团队编制的《电客车常见故障快速处置指南》将正线故障平均处置时间缩短到 5 分钟以内。"
            "自主研发的车门故障诊断便携终端、轮对尺寸自动测量工装，每年节约检修成本约 80 万元。"
            "工作室坚持“日复盘、周培训、月比武”，为新线开通培养了 60 余名检修骨干。"
        ),
        online=(8, 12),
        palette=3,
    ),
    StudioSpec(
        slug="chen-guohua-ev-bus",
        name="陈国华新能源客车装调创新工作室",
        organisation="yutong",
        lead="chenguohua",
        members=("linfeng", "hejing", "luomin"),
        industry=Industry.AUTOMOTIVE,
        level=_N,
        founded_on=datetime.date(2015, 10, 16),
        intro="聚焦新能源客车整车电气装调与故障诊断。",
        profile=(
            "工作室聚焦新能源客车整车电气装调与故障诊断。"
            "团队总结的“高压系统分段绝缘检测法”和整车 CAN 网络故障快速定位方法，"
            "使下线车辆一次交检合格率稳定在 98% 以上。"
            "工作室累计提出合理化建议 600 余条、完成技术改进 70 余项，获授权专利 15 项。"
            "每年面向售后服务站开展装调技能培训，帮助一线服务人员掌握新车型的检修要领。"
        ),
        online=(6, 30),
        palette=4,
    ),
    StudioSpec(
        slug="li-xiumei-nursing",
        name="李秀梅护理技能创新工作室",
        organisation="zz-first-hospital",
        lead="lixiumei",
        members=("songjia", "hanxue"),
        industry=Industry.HEALTH,
        level=_C,
        founded_on=datetime.date(2020, 3, 6),
        intro="以专科护理和护理小发明为方向，把细致做成专业。",
        profile=(
            "工作室以“专科护理＋护理创新”为方向，重点开展压力性损伤预防、静脉治疗和老年护理技术研究。"
            "团队设计的可调式防压疮体位垫、留置针固定护套等小发明已在院内 20 多个病区使用。"
            "工作室牵头修订的静脉治疗护理规范，使相关并发症发生率下降 40%。"
            "每年举办护理技能工作坊 12 期，并定期走进社区开展健康宣教和居家护理指导。"
        ),
        online=(9, 15),
        palette=5,
    ),
    StudioSpec(
        slug="zhou-hongxia-food",
        name="周红霞速冻食品工艺创新工作室",
        organisation="sanquan",
        lead="zhouhongxia",
        members=("zhengkai", "xietao"),
        industry=Industry.FOOD,
        level=_C,
        founded_on=datetime.date(2019, 6, 21),
        intro="从一张面皮做起，改良速冻米面制品的工艺与质量控制。",
        profile=(
            "工作室围绕速冻汤圆、水饺等米面制品的工艺改良和质量控制开展创新。"
            "团队通过优化面团配方与醒发参数，解决了速冻水饺冻裂率偏高的难题，冻裂率由 3% 降至 0.5% 以下。"
            "工作室参与改造的自动成型生产线，使单线产能提高 25%、能耗降低 12%。"
            "工作室坚持师带徒制度，已为食品检验、面点制作等岗位培养骨干 40 余名。"
        ),
        online=(7, 20),
        palette=6,
    ),
    StudioSpec(
        slug="ma-weidong-fitter",
        name="马卫东钳工技艺创新工作室",
        organisation="huayuan-forging",
        lead="maweidong",
        members=("liangyu", "tangliang"),
        industry=Industry.MANUFACTURING,
        level=_D,
        founded_on=datetime.date(2021, 1, 15),
        intro="传承装配钳工、模具钳工的手上功夫，服务锻模制造与设备维修。",
        profile=(
            "工作室以装配钳工、模具钳工技艺传承为核心，服务企业铸锻模具制造与设备维修。"
            "团队研制的大型锻模快速定位装置，使换模时间由 4 小时缩短到 1.5 小时。"
            "工作室总结的“刮研六步法”已编入企业培训教材。"
            "近两年完成设备修复与改造项目 26 项，节约外委维修费用 150 余万元。"
        ),
        online=None,
        palette=7,
    ),
    StudioSpec(
        slug="zhang-hongwei-construction",
        name="张宏伟建筑施工技术创新工作室",
        organisation="erqi-construction",
        lead="zhanghongwei",
        members=("fengbin", "caoyan"),
        industry=Industry.CONSTRUCTION,
        level=_X,
        founded_on=datetime.date(2022, 8, 3),
        intro="立足施工一线，研究钢筋加工、装配式安装和绿色施工工艺。",
        profile=(
            "工作室立足房屋建筑和市政工程一线，重点研究钢筋加工、装配式构件安装和绿色施工工艺。"
            "团队推广的数控弯箍与建筑信息模型翻样相结合的方法，使钢筋损耗率降低 1.5 个百分点。"
            "工作室编写的施工工法已在集团 10 余个在建项目应用。"
            "每年组织农民工技能夜校，帮助 200 多名一线工人取得职业技能等级证书。"
        ),
        online=(8, 26),
        palette=8,
    ),
    StudioSpec(
        slug="guo-xiaodong-bus-repair",
        name="郭晓东公交车辆维修创新工作室",
        organisation="zz-bus",
        lead="guoxiaodong",
        members=("dengchao", "penglili"),
        industry=Industry.TRANSPORT,
        level=_X,
        founded_on=datetime.date(2023, 4, 18),
        intro="为纯电动公交车的日常维护和疑难故障排除想办法。",
        profile=(
            "工作室负责公交车辆维修保养技术攻关，服务纯电动公交车的日常维护与疑难故障排除。"
            "团队制定的动力电池均衡维护流程和空调系统快速检修方法，使车辆故障停运率下降 18%。"
            "工作室建立了故障案例库，收录典型案例 300 余个，供全公司维修人员在线查阅。"
            "成员多次在市级汽车维修职业技能竞赛中获奖。"
        ),
        online=None,
        palette=9,
    ),
)

#: Colour pairs for the generated cover images (dark to light, all calm enough for white text).
PALETTES: tuple[tuple[tuple[int, int, int], tuple[int, int, int]], ...] = (
    ((140, 29, 24), (230, 126, 34)),  # brand red → amber
    ((21, 67, 96), (72, 161, 196)),  # deep blue → sky
    ((27, 94, 32), (129, 199, 132)),  # forest → leaf
    ((49, 27, 146), (149, 117, 205)),  # indigo → lavender
    ((0, 77, 64), (77, 182, 172)),  # teal
    ((136, 14, 79), (240, 98, 146)),  # plum → rose
    ((191, 54, 12), (255, 183, 77)),  # rust → apricot
    ((38, 50, 56), (120, 144, 156)),  # graphite → steel
    ((93, 64, 55), (188, 170, 164)),  # earth → sand
    ((1, 87, 155), (79, 195, 247)),  # ocean
    ((74, 20, 140), (206, 147, 216)),  # violet
)


def cover_title(studio: StudioSpec) -> str:
    return f"{studio.name}（封面）"


ABOUT_IMAGE_TITLE = "创新工作室联盟（插图）"
ABOUT_IMAGE_PALETTE = 10

# --- pages ---------------------------------------------------------------------------------------
HOME_TITLE = "匠联学堂"
HOME_HERO_TITLE = "劳模工匠带你学技能"
HOME_HERO_INTRO = (
    "匠联学堂是郑州市劳模和工匠人才创新工作室联盟的线上平台：工作室上线进网、展示成果，"
    "职工在线学习、拜师学艺，各级工会随时掌握联盟建设进展。"
)
HOME_BODY = (
    (
        "由“点”成“面”，聚“线”成“网”",
        (
            "全市各级各类劳模和工匠人才创新工作室在这里集中亮相。"
            "每个工作室都有自己的主页，介绍领衔人、团队和创新成果，方便职工找到身边的好师傅。",
        ),
    ),
)

STUDIO_INDEX = PageText(
    slug="studios",
    title="创新工作室",
    intro="按行业、级别筛选全市劳模和工匠人才创新工作室，查看领衔人、团队成员和创新成果。",
)

#: “关于联盟”, drawn from the 2021 implementation plan of 郑州市总工会 (郑工文〔2021〕14号).
ABOUT = PageText(
    slug="about",
    title="关于联盟",
    intro=(
        "郑州市总工会按照《郑州市总工会推进劳模和工匠人才创新工作室联盟建设实施方案》（郑工文〔2021〕14号），"
        "推动全市劳模和工匠人才创新工作室上线进网、联动协作。"
    ),
    sections=(
        (
            "目标任务",
            (
                "坚持线上线下相结合，各产业各行业紧密联动，各级工会聚力协同，"
                "探索创建跨行业、跨领域的劳模和工匠人才创新工作室联盟体系，"
                "使各级各类创新工作室由“点”成“面”、聚“线”成“网”，带动师带徒、匠带兵行动持续深化，"
                "助推创新驱动发展战略实施和高质量发展。",
            ),
        ),
        (
            "线上活动",
            (
                "推动全市各级各类劳模和工匠人才创新工作室上线进网，形成大平台＋工作室联盟的网状格局，"
                "为劳模工匠等职工技能人才广泛开展线上交流、揭榜攻关、线上协作、在线学习提供便利平台。",
            ),
        ),
        (
            "纵横联盟体系",
            (
                "各级工会根据实际情况建立劳模和工匠人才创新工作室联盟，并积极组织开展活动；"
                "加强各行业（系统）间的创新攻关与技术交流，重点培育在本行业具有引领力的创新工作室领衔人；"
                "推动有影响力的企业建立示范性创新工作室联盟；"
                "发挥劳模、郑州大工匠的社会影响力，打造本地跨行业、跨领域联盟。",
            ),
        ),
        (
            "线下活动",
            (
                "不同层级的创新工作室联盟分行业、分区域定期开展讲座、调研走访、行业沙龙、外出考察等活动，"
                "加强职工技术交流、技术协作、技术攻关和技术创新。",
            ),
        ),
        (
            "上线进网时间安排",
            (
                "7 月底前，各级工会指导郑州市示范性劳模工匠创新工作室完成上线进网；"
                "8 月底前，指导完成各级各类创新工作室上线进网。",
                "8 月至 10 月，联盟聚焦企业经济技术创新的重大难题和关键环节，"
                "整合创新工作室力量，组织开展课题攻关、技能培训和技术交流；"
                "11 月至 12 月开展督导、跟踪问效；"
                "次年一季度总结提升，对示范带动作用强的工作室重点宣传、实施奖励。",
            ),
        ),
    ),
)

#: Home-page features: five showing now, one scheduled for next week, one whose window has ended.
FEATURED: tuple[FeaturedSpec, ...] = (
    FeaturedSpec(
        title="新课上线：数控车床精密加工入门",
        summary="国家级示范工作室领衔人王建军讲对刀、刀补和精度检验，4 个课时，学完计 4 学时。",
        page_slug="cnc-lathe-precision-basics",  # the course's own cover
        organisation=CITY,
        starts=-2,
    ),
    FeaturedSpec(
        title="国家级示范：数控加工里的“绣花功夫”",
        summary="王建军数控加工技术创新工作室攻克深孔镗削振纹难题，五年培养高级技师 9 名。",
        page_slug="wang-jianjun-cnc",
        organisation=CITY,
        starts=-14,
        image_of_studio="wang-jianjun-cnc",
    ),
    FeaturedSpec(
        title="新能源客车的“分段绝缘检测法”",
        summary="陈国华新能源客车装调创新工作室让下线车辆一次交检合格率稳定在 98% 以上。",
        page_slug="chen-guohua-ev-bus",
        organisation="guancheng",
        starts=-7,
        ends=90,
        image_of_studio="chen-guohua-ev-bus",
    ),
    FeaturedSpec(
        title="带电作业：让用户少停电、不停电",
        summary="赵志刚配网带电作业创新工作室的 18 项成果已在全市推广。",
        page_slug="zhao-zhigang-live-line",
        organisation="nengyuan-huaxue",
        starts=-3,
        ends=60,
        image_of_studio="zhao-zhigang-live-line",
    ),
    FeaturedSpec(
        title="了解劳模和工匠人才创新工作室联盟",
        summary="由“点”成“面”、聚“线”成“网”：联盟的目标任务和上线进网时间安排。",
        page_slug="about",
        organisation=CITY,
        starts=-30,
    ),
    FeaturedSpec(
        title="护理技能工作坊开放报名",
        summary="李秀梅护理技能创新工作室本期工作坊主题：静脉治疗并发症的预防与处理。",
        page_slug="li-xiumei-nursing",
        organisation="jinshui",
        starts=7,
        ends=37,
        image_of_studio="li-xiumei-nursing",
    ),
    FeaturedSpec(
        title="上线进网动员会回顾",
        summary="市总工会召开创新工作室上线进网动员会，部署示范工作室 7 月底前完成上线。",
        page_slug="about",
        organisation=CITY,
        starts=-60,
        ends=-20,
    ),
)

#: The accounts printed by ``make demo`` (role label, username); all use DEMO_PASSWORD.
LOGINS_SHOWN: tuple[tuple[str, str], ...] = (
    ("平台管理员 (site admin)", "admin"),
    ("市总工会干部 (city union staff)", "zzgh_staff"),
    ("金水区总工会干部 (district staff)", "jinshui_staff"),
    ("二七区总工会干部 (district staff)", "erqi_staff"),
    ("劳模/工匠 (master, studio lead)", "wangjianjun"),
    ("劳模/工匠 (master, studio lead)", "lixiumei"),
    ("学员 (worker, studio member)", "zhangwei"),
    ("学员 (worker)", "yuanfang"),
)


# --- lectures and salons (讲座与沙龙) and a topic (专题) --------------------------------------------------
@dataclass(frozen=True)
class RecordingSpec:
    slug: str
    title: str
    kind: str  # "lecture" | "salon"
    #: the studio whose section holds it, or "" for the alliance's own (site-wide) list
    studio: str
    held_on: tuple[int, int]  # (month, day) this year, or of last year when that day is still to come
    venue: str
    speakers: tuple[str, ...]
    guest_speakers: str
    organiser: str
    summary: str
    chapters: tuple[tuple[str, str], ...]


RECORDING_INDEX = PageText(
    slug="talks",
    title="讲座与沙龙",
    intro="劳模工匠讲座和行业沙龙的回放、章节和讲义，随时补课。",
)
STUDIO_RECORDING_INDEX_TITLE = "讲座与沙龙"

RECORDINGS: tuple[RecordingSpec, ...] = (
    RecordingSpec(
        slug="cnc-precision-lecture",
        title="数控加工中的精度控制：从对刀到热变形补偿",
        kind="lecture",
        studio="wang-jianjun-cnc",
        held_on=(3, 18),
        venue="郑煤机集团职工培训中心二楼报告厅",
        speakers=("wangjianjun",),
        guest_speakers="",
        organiser="",
        summary=(
            "王建军结合液压支架关键件加工的实际案例，讲解对刀误差的来源、刀具磨损的判断方法和机床热变形补偿的"
            "现场做法。\n\n讲座后半段演示了用千分表和试切件快速校验精度的步骤，并回答了青年职工关于薄壁件变形的提问。"
        ),
        chapters=(("00:00", "开场：精度问题从哪里来"), ("06:40", "对刀误差与刀补设置"),
                  ("24:15", "刀具磨损的判断"), ("41:30", "热变形补偿的现场做法"), ("58:10", "问答")),
    ),
    RecordingSpec(
        slug="welding-salon",
        title="高铁转向架焊接质量沙龙",
        kind="salon",
        studio="liu-haifeng-welding",
        held_on=(4, 22),
        venue="中铁装备郑州基地焊接实训车间",
        speakers=("liuhaifeng",),
        guest_speakers="陈立新（郑州大学材料学院教授）、吴婷婷",
        organiser="",
        summary=(
            "围绕转向架构架焊缝的常见缺陷，刘海峰和高校专家、一线焊工一起讨论焊前预热、层间温度控制和焊后检测。"
            "\n\n沙龙整理了一份“焊缝缺陷自查表”，作为附件供大家下载使用。"
        ),
        chapters=(("00:00", "主持人介绍"), ("03:20", "典型缺陷案例"), ("21:05", "层间温度怎么控"),
                  ("38:50", "现场问答")),
    ),
    RecordingSpec(
        slug="live-line-safety",
        title="配网带电作业安全规范讲座",
        kind="lecture",
        studio="zhao-zhigang-live-line",
        held_on=(6, 12),
        venue="国网郑州供电公司实训基地",
        speakers=("zhaozhigang",),
        guest_speakers="",
        organiser="",
        summary="赵志刚讲解带电作业前的安全交底、绝缘工器具检查和作业中的监护要点，并复盘了两起未遂事件。",
        chapters=(("00:00", "安全交底"), ("12:30", "绝缘工器具检查"), ("31:45", "未遂事件复盘")),
    ),
    RecordingSpec(
        slug="craftsman-salon-2026",
        title="工匠精神与青年成长 · 创新工作室联盟行业沙龙",
        kind="salon",
        studio="",
        held_on=(5, 1),
        venue="郑州市职工文化中心三楼多功能厅",
        speakers=("wangjianjun", "lixiumei", "chenguohua"),
        guest_speakers="刘芳（市总工会经济技术部）",
        organiser="郑州市劳模和工匠人才创新工作室联盟",
        summary=(
            "“五一”前夕，联盟邀请装备制造、医疗卫生、汽车制造三个行业的劳模工匠，与青年职工面对面交流"
            "技能成长的经历。\n\n嘉宾分享了师带徒的做法和创新成果转化的经验。"
        ),
        chapters=(),
    ),
    RecordingSpec(
        slug="ev-bus-diagnosis",
        title="新能源客车高压系统故障诊断",
        kind="lecture",
        studio="chen-guohua-ev-bus",
        held_on=(9, 9),
        venue="宇通客车技术中心",
        speakers=("chenguohua",),
        guest_speakers="",
        organiser="",
        summary="陈国华介绍新能源客车高压系统的结构，讲解绝缘故障、预充失败等常见故障的诊断流程和安全操作。",
        chapters=(("00:00", "高压系统结构"), ("15:00", "绝缘故障诊断"), ("1:02:30", "预充失败案例")),
    ),
)

TOPIC_INDEX = PageText(slug="topics", title="专题", intro="工会干部为大家挑选的课程、讲座和工作室。")


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    title: str
    organisation: str
    intro: str
    #: (page slug, note): courses, recordings and studio pages
    items: tuple[tuple[str, str], ...]
    #: the window in days relative to the loading day; ``ends`` None means open-ended
    starts: int
    ends: int | None


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(
        slug="safety-skills",
        title="安全生产技能专题",
        organisation=CITY,
        intro="安全生产月期间，市总工会从各创新工作室挑选了与安全操作有关的课程、讲座和工作室，供职工利用班前班后时间学习。",
        items=(
            ("live-line-work-safety", "课程：带电作业安全规范，学完有学时"),
            ("team-safety-management", "班组长、安全员的必修课"),
            ("live-line-safety", "带电作业人员必看"),
            ("welding-salon", "焊接岗位的质量与安全"),
            ("ev-bus-diagnosis", "高压系统的安全操作"),
            ("zhao-zhigang-live-line", "了解配网带电作业创新工作室"),
        ),
        starts=-10,
        ends=50,
    ),
    TopicSpec(
        slug="craftsman-courses",
        title="劳模工匠精品课",
        organisation=CITY,
        intro="全国、省、市劳模和工匠亲自讲授的技能课程：从数控车削、厚板焊接到创新方法，报名后在手机上随时学习。",
        items=(
            ("cnc-lathe-precision-basics", "数控车工入门必学"),
            ("welding-quality-control", "厚板焊接的质量关"),
            ("craftsmanship-and-innovation", "人人都能参与创新"),
            ("craftsman-salon-2026", "劳模工匠面对面"),
        ),
        starts=-5,
        ends=None,
    ),
)


def recording_date(spec: RecordingSpec, *, today: datetime.date) -> datetime.date:
    """The spec's day this year, or last year when that day has not come yet (demo events are past)."""
    day = datetime.date(today.year, *spec.held_on)
    return day if day <= today else datetime.date(today.year - 1, *spec.held_on)
