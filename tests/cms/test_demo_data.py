"""``manage.py load_demo_data``: idempotent, and the site it builds renders in Chinese (its speed: bench/demo_loader.py)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.models import Page, Site

from accounts.models import Role, User
from assessments.models import Choice, Question, Quiz
from cms.demo import courses, data
from cms.demo.loader import WAGTAIL_DEFAULT_TITLE, online_date_for
from cms.models import FeaturedItem, HomePage, StandardPage, StudioIndexPage, StudioPage, TopicItem
from cms.selectors import featured_items_active
from learning.models import (
    CourseAssignment,
    CoursePage,
    Enrollment,
    LedgerEntry,
    LessonPage,
    LessonProgress,
)
from organisations.models import Organisation, OrganisationKind
from recordings.models import RecordingChapter
from studios.models import OnboardingCampaign, Studio, StudioLevel
from studios.selectors import OnboardingStatus, campaign_for_year, studio_onboarding

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "groups": Group.objects.count(),
        "studios": Studio.objects.count(),
        "campaigns": OnboardingCampaign.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Page.objects.filter(latest_revision__isnull=False).count(),
        "images": Image.objects.count(),
        "featured items": FeaturedItem.objects.count(),
        "sites": Site.objects.count(),
        "topic items": TopicItem.objects.count(),
        "chapters": RecordingChapter.objects.count(),
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "quizzes": Quiz.objects.count(),
        "questions": Question.objects.count(),
        "choices": Choice.objects.count(),
        "documents": get_document_model().objects.count(),
        "required courses": CourseAssignment.objects.count(),
        "enrolments": Enrollment.objects.count(),
        "lesson progress": LessonProgress.objects.count(),
        "ledger entries": LedgerEntry.objects.count(),
    }


def test_loading_twice_creates_nothing_twice() -> None:
    # how long loading takes is measured by bench/demo_loader.py, not asserted here (a shared CI
    # machine's load decides wall times)
    output = _load()
    first = _counts()

    second_output = _load()

    assert _counts() == first
    assert "新建 0" not in output and "已有 0" in output
    assert "新建 0" in second_output and data.DEMO_PASSWORD in second_output
    assert first["studios"] == len(data.STUDIOS) >= 8
    assert first["organisations"] == len(data.ORGANISATIONS)
    assert first["users"] == len(data.people())
    assert first["images"] == len(data.STUDIOS) + 1 + len(courses.COURSES)  # studio and course covers
    assert first["featured items"] == len(data.FEATURED)
    assert first["courses"] == len(courses.COURSES) >= 4
    assert first["lessons"] == sum(len(c.lessons) for c in courses.COURSES)
    assert first["quizzes"] == len(courses.COURSES) and first["documents"] == 2
    assert first["required courses"] == len(courses.ASSIGNMENTS)
    assert first["enrolments"] == len(courses.STUDY) and first["ledger entries"] > 0
    _assert_tree_people_and_studios()


def _assert_tree_people_and_studios() -> None:
    city = Organisation.objects.get(code=data.CITY)
    assert city.name == "郑州市总工会" and city.is_root()
    kinds = set(Organisation.objects.filter(depth=2).values_list("kind", flat=True))
    assert kinds == {OrganisationKind.DISTRICT, OrganisationKind.DEVELOPMENT_ZONE, OrganisationKind.INDUSTRY}
    assert Organisation.objects.get(code="yutong").get_parent().name == "郑州市管城回族区总工会"

    staff = User.objects.filter(role=Role.UNION_STAFF)
    assert {u.organisation.code for u in staff} == {data.CITY, "jinshui", "erqi"}
    assert User.objects.filter(role=Role.WORKER).count() >= 20
    assert User.objects.get(username="admin").is_superuser

    for studio in Studio.objects.select_related("lead", "page", "cover"):
        assert studio.lead.role == Role.MASTER and studio.lead.trade and studio.lead.real_name
        assert 3 <= studio.members.count() <= 4  # the lead and 2–3 members
        assert studio.cover is not None and studio.cover.width == 1200
        assert studio.page.live and studio.page.title == studio.name
        assert studio.founded_on is not None and len(studio.profile) > 80
    assert StudioPage.objects.live().count() >= 8
    # a district's staff manage the studios of their own subtree
    jinshui = Organisation.objects.get(code="jinshui")
    assert Studio.objects.filter(organisation__path__startswith=jinshui.path).count() == 1


def test_the_site_renders_in_chinese_and_the_demo_logins_work(client) -> None:  # type: ignore[no-untyped-def]
    _load()

    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    assert site.root_page_id == home.pk and site.site_name == "匠联学堂"
    assert not Page.objects.filter(title=WAGTAIL_DEFAULT_TITLE).exists()  # the untouched default is gone
    assert StudioIndexPage.objects.get().url == "/studios/"
    about = StandardPage.objects.get(slug="about")
    assert about.title == "关于联盟" and "聚“线”成“网”" in str(about.body)

    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert data.HOME_HERO_TITLE in html
    assert "国家级示范：数控加工里的“绣花功夫”" in html  # a featured item inside its window
    assert "上线进网动员会回顾" not in html  # its window has ended
    assert "护理技能工作坊开放报名" not in html  # its window opens next week
    response = client.get("/studios/")
    assert response.status_code == 200 and "赵志刚配网带电作业创新工作室" in response.content.decode()
    response = client.get("/studios/sun-lina-metro/")
    assert response.status_code == 200 and "电客车常见故障快速处置指南" in response.content.decode()
    assert client.get("/about/").status_code == 200

    now = timezone.now()
    assert len(featured_items_active(at=now)) == 5
    later = [item.title for item in featured_items_active(at=now + datetime.timedelta(days=8))]
    assert "护理技能工作坊开放报名" in later

    campaign = OnboardingCampaign.objects.get(year=timezone.localdate().year)
    assert (campaign.demonstration_deadline.month, campaign.demonstration_deadline.day) == (7, 31)
    assert (campaign.all_studios_deadline.month, campaign.all_studios_deadline.day) == (8, 31)
    assert campaign_for_year() == campaign
    statuses = {studio_onboarding(studio=s, campaign=campaign).status for s in Studio.objects.all()}
    assert OnboardingStatus.ONLINE_ON_TIME in statuses
    assert statuses & {OnboardingStatus.PENDING, OnboardingStatus.OVERDUE}

    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="zzgh_staff", password=data.DEMO_PASSWORD) is not None
    assert authenticate(request, username="13903710002", password=data.DEMO_PASSWORD) is not None  # mobile
    master = User.objects.get(username="wangjianjun")
    assert master.email == f"wangjianjun@{data.EMAIL_DOMAIN}"
    assert master.employer == "郑州煤矿机械集团股份有限公司"


def test_an_edited_welcome_page_is_kept() -> None:
    welcome = Page.objects.get(title=WAGTAIL_DEFAULT_TITLE)
    welcome.save_revision()  # someone worked on it: not the untouched default any more

    _load()

    assert Page.objects.filter(pk=welcome.pk).exists()
    assert Site.objects.get(is_default_site=True).root_page_id == HomePage.objects.get().pk


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # late in the year: every planned date has passed
        (datetime.date(2026, 11, 25), {"on_time": 6, "late": 2, "not_online": 2}),
        # before the demonstration deadline: the late studios are simply not online yet
        (datetime.date(2026, 7, 10), {"on_time": 6, "late": 0, "not_online": 4}),
    ],
)
def test_online_dates_are_never_in_the_future(today: datetime.date, expected: dict[str, int]) -> None:
    counts = {"on_time": 0, "late": 0, "not_online": 0}
    for spec in data.STUDIOS:
        online = online_date_for(spec, today=today)
        if online is None:
            counts["not_online"] += 1
            continue
        assert datetime.date(today.year, 1, 1) <= online <= today
        deadline = (
            datetime.date(today.year, 7, 31)
            if spec.level != StudioLevel.NONE
            else datetime.date(today.year, 8, 31)
        )
        counts["on_time" if online <= deadline else "late"] += 1
    assert counts == expected


def test_demo_recordings_and_topic(client) -> None:  # type: ignore[no-untyped-def]
    from cms.models import TopicPage
    from recordings.models import RecordingIndexPage, RecordingPage

    _load()
    _load()

    assert RecordingPage.objects.live().count() == len(data.RECORDINGS)
    assert RecordingIndexPage.objects.filter(studio__isnull=True).count() == 1
    studios_with_recordings = {spec.studio for spec in data.RECORDINGS if spec.studio}
    assert set(RecordingIndexPage.objects.filter(studio__isnull=False).values_list("studio__slug", flat=True)) == (
        studios_with_recordings
    )
    today = timezone.localdate()
    for spec in data.RECORDINGS:
        page = RecordingPage.objects.get(slug=spec.slug)
        assert page.held_on <= today and page.video_id is None
        assert (page.studio.slug if page.studio else "") == spec.studio
        assert page.chapters.count() == len(spec.chapters)
        assert sorted(page.speakers.values_list("username", flat=True)) == sorted(spec.speakers)

    html = client.get("/talks/").content.decode()
    assert "工匠精神与青年成长" in html and "数控加工中的精度控制" in html
    assert f"共 {len(data.RECORDINGS)} 场活动" in html
    salons = client.get("/talks/?kind=salon").content.decode()
    assert "高铁转向架焊接质量沙龙" in salons and "数控加工中的精度控制" not in salons
    detail = client.get("/studios/wang-jianjun-cnc/talks/cnc-precision-lecture/").content.decode()
    assert "本场活动暂无录像" in detail and "热变形补偿的现场做法" in detail and "王建军" in detail

    topic = TopicPage.objects.get(slug="safety-skills")
    safety = next(spec for spec in data.TOPICS if spec.slug == "safety-skills")
    assert topic.live and topic.is_current() and topic.items.count() == len(safety.items)
    home = client.get("/").content.decode()
    assert "安全生产技能专题" in home and "最新讲座与沙龙" in home and 'href="/talks/"' in home
    topic_html = client.get(topic.url).content.decode()
    assert "配网带电作业安全规范讲座" in topic_html and "电力线路带电作业安全规范" in topic_html
    courses_topic = TopicPage.objects.get(slug="craftsman-courses")
    assert courses_topic.is_current() and "劳模工匠精品课" in home
    assert "数控车床精密加工入门" in client.get(courses_topic.url).content.decode()
    # the header leads to the catalogue and to the lectures and salons; the home page to both
    assert 'href="/courses/"' in home and "学习技能课程" in home and "新课上线：数控车床精密加工入门" in home
    assert 'href="/learning/"' not in home  # 我的学习 is for people who are logged in


def test_if_empty_loads_into_an_empty_site_only() -> None:
    out = io.StringIO()
    call_command("load_demo_data", "--if-empty", stdout=out)
    loaded = _counts()
    assert loaded["courses"] > 0 and "演示数据已就绪" in out.getvalue()
    again = io.StringIO()
    call_command("load_demo_data", "--if-empty", stdout=again)
    assert _counts() == loaded and "站点已有数据，未载入演示数据。" in again.getvalue()
