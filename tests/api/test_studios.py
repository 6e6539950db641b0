"""/api/v1/studios/: public list and profile, the staff edit permission matrix, and the 上线进网 report."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from wagtail.models import Page, Site

from accounts.models import User
from cms.models import HomePage, StudioIndexPage, StudioPage
from studios.models import Industry, OnboardingCampaign, Studio, StudioLevel
from tests.accounts.factories import MasterFactory
from tests.studios.factories import StudioFactory

pytestmark = pytest.mark.django_db

LIST = reverse("v1:studio-list")
ONBOARDING = reverse("v1:studio-onboarding")


def _detail(studio: Studio) -> str:
    return reverse("v1:studio-detail", args=[studio.slug])


def _client(user) -> APIClient:  # type: ignore[no-untyped-def]
    """Signed in as ``user`` as loaded by a real request (the fixture's copies hold stale tree paths)."""
    api = APIClient()
    api.force_authenticate(User.objects.get(pk=user.pk))
    return api


def _slugs(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def studios(people, org_tree):  # type: ignore[no-untyped-def]
    member = MasterFactory(username="membera", real_name="成员甲", organisation=org_tree["a1"])
    return {
        "a1": StudioFactory(
            name="郑煤机液压创新工作室", slug="zmj-hydraulics", lead=people["master_a"],
            organisation=org_tree["a1"], industry=Industry.MANUFACTURING, level=StudioLevel.CITY,
            members=[member],
        ),
        "a": StudioFactory(
            name="金水供电创新工作室", slug="jinshui-power", organisation=org_tree["a"],
            industry=Industry.ENERGY, level=StudioLevel.NONE,
        ),
        "b1": StudioFactory(
            name="宇通客车电控工作室", slug="yutong-ecu", lead=people["master_b"],
            organisation=org_tree["b1"], industry=Industry.AUTOMOTIVE, level=StudioLevel.NATIONAL,
        ),
    }


def test_anonymous_gets_401(studios):
    assert APIClient().get(LIST).status_code == 401


def test_list_shows_every_studio_with_its_card(people, studios):
    response = _client(people["worker_a"]).get(LIST)
    assert _slugs(response) == list(Studio.objects.order_by("name").values_list("slug", flat=True))
    assert set(_slugs(response)) == {"yutong-ecu", "jinshui-power", "zmj-hydraulics"}
    card = next(item for item in response.json()["results"] if item["slug"] == "zmj-hydraulics")
    assert card["lead"] == {"id": people["master_a"].pk, "name": people["master_a"].real_name}
    assert card["organisation"]["code"] == "zmj"
    assert card["level_display"] == "市级示范"
    assert card["industry_display"] == "装备制造"
    assert card["is_demonstration"] is True
    assert card["online_on"] is None
    assert card["onboarding"]["status"] in {"pending", "overdue"}
    assert card["page_url"] is None
    assert card["cover"] is None


def test_filters(people, studios):
    api = _client(people["worker_a"])
    assert _slugs(api.get(LIST, {"industry": "automotive"})) == ["yutong-ecu"]
    assert _slugs(api.get(LIST, {"level": "national"})) == ["yutong-ecu"]
    assert set(_slugs(api.get(LIST, {"organisation": "jinshui"}))) == {"zmj-hydraulics", "jinshui-power"}
    assert _slugs(api.get(LIST, {"organisation": "zmj"})) == ["zmj-hydraulics"]
    assert _slugs(api.get(LIST, {"q": "液压"})) == ["zmj-hydraulics"]
    assert _slugs(api.get(LIST, {"q": people["master_b"].real_name})) == ["yutong-ecu"]
    assert _slugs(api.get(LIST, {"organisation": "zz", "industry": "energy"})) == ["jinshui-power"]


def test_bad_filters_are_400_in_chinese(people, studios):
    api = _client(people["worker_a"])
    response = api.get(LIST, {"organisation": "nowhere"})
    assert response.status_code == 400
    assert response.json() == {"organisation": ["组织代码“nowhere”不存在。"]}
    response = api.get(LIST, {"industry": "spaceflight"})
    assert response.status_code == 400
    assert "spaceflight" in response.json()["industry"][0]


def test_pagination(people, org_tree):
    for _n in range(23):
        StudioFactory(organisation=org_tree["b1"])
    api = _client(people["worker_a"])
    first = api.get(LIST).json()
    assert (first["count"], len(first["results"])) == (23, 20)
    assert first["next"].endswith("?page=2")
    assert len(api.get(LIST, {"page": 2}).json()["results"]) == 3
    assert api.get(LIST, {"page": 9}).status_code == 404


def test_onboarding_status_follows_the_campaign_of_this_year(people, studios):
    today = timezone.localdate()
    OnboardingCampaign.objects.create(
        year=today.year, demonstration_deadline=datetime.date(today.year, 12, 31),
        all_studios_deadline=datetime.date(today.year, 12, 31),
    )
    Studio.objects.filter(pk=studios["a1"].pk).update(online_on=today)
    cards = {item["slug"]: item for item in _client(people["worker_a"]).get(LIST).json()["results"]}
    assert cards["zmj-hydraulics"]["onboarding"] == {
        "status": "on_time", "status_display": "已按期上线", "deadline": f"{today.year}-12-31"
    }
    assert cards["yutong-ecu"]["onboarding"]["status"] == "pending"


def test_page_url_once_the_studio_page_is_published(people, studios):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="首页", slug="api-home"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()  # through save(), so Wagtail drops its cached site root paths
    index = home.add_child(instance=StudioIndexPage(title="创新工作室", slug="studios"))
    page = index.add_child(
        instance=StudioPage(title="郑煤机液压", slug="zmj-hydraulics", studio=studios["a1"])
    )
    api = _client(people["worker_a"])

    card = next(i for i in api.get(LIST).json()["results"] if i["slug"] == "zmj-hydraulics")
    assert card["page_url"] == "http://testserver/studios/zmj-hydraulics/"
    assert api.get(_detail(studios["b1"])).json()["page_url"] is None

    page.unpublish()
    assert api.get(_detail(studios["a1"])).json()["page_url"] is None


def test_detail_has_members_and_the_users_permissions(people, studios):
    body = _client(people["worker_a"]).get(_detail(studios["a1"])).json()
    assert [m["name"] for m in body["members"]] == ["成员甲"]  # the lead is not repeated
    assert body["permissions"] == {"manage": False, "edit_page": False}
    assert body["photos"] == []
    assert _client(people["staff_a"]).get(_detail(studios["a1"])).json()["permissions"]["manage"] is True
    lead_view = _client(people["master_a"]).get(_detail(studios["a1"])).json()["permissions"]
    assert lead_view == {"manage": False, "edit_page": True}


def test_unknown_slug_is_404(people, studios):
    assert _client(people["worker_a"]).get(reverse("v1:studio-detail", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("who", "studio", "allowed"),
    [
        ("staff_a", "a1", True),
        ("staff_a", "a", True),
        ("staff_a", "b1", False),
        ("staff_b", "a1", False),
        ("city_staff", "b1", True),
        ("admin", "b1", True),
        ("master_a", "a1", False),  # the lead edits the page, not the studio record
        ("worker_a", "a1", False),
    ],
)
def test_patch_permission_matrix(people, studios, who, studio, allowed):
    target = studios[studio]
    response = _client(people[who]).patch(_detail(target), {"profile": "新的简介"}, format="json")
    target.refresh_from_db()
    if allowed:
        assert response.status_code == 200, response.content
        assert response.json()["profile"] == "新的简介"
        assert target.profile == "新的简介"
    else:
        assert response.status_code == 403
        assert response.json()["detail"].startswith("您无权修改该工作室")
        assert target.profile == ""


def test_patch_goes_through_the_service(people, studios):
    api = _client(people["staff_a"])
    changes = {
        "online_on": "2026-07-01", "level": "provincial", "organisation": "zmj", "name": "金水供电工作室"
    }
    response = api.patch(_detail(studios["a"]), changes, format="json")
    assert response.status_code == 200, response.content
    studio = Studio.objects.get(pk=studios["a"].pk)
    assert studio.online_on == datetime.date(2026, 7, 1)
    assert (studio.level, studio.organisation.code, studio.name) == ("provincial", "zmj", "金水供电工作室")


def test_patch_errors_are_400_in_chinese_and_change_nothing(people, studios):
    api = _client(people["staff_a"])
    target = studios["a1"]
    cases = [
        ({"organisation": "erqi"}, {"organisation": ["只能把工作室划入您管理的组织。"]}),
        ({"lead": people["worker_a"].pk}, {"lead": ["领衔人必须是劳模或工匠账号。"]}),
        ({"organisation": "nowhere"}, {"organisation": ["组织代码“nowhere”不存在。"]}),
    ]
    for changes, expected in cases:
        response = api.patch(_detail(target), {"profile": "不应保存", **changes}, format="json")
        assert response.status_code == 400, changes
        assert response.json() == expected
    duplicate = api.patch(_detail(target), {"name": studios["b1"].name}, format="json")
    assert duplicate.status_code == 400
    assert "已存在" in duplicate.json()["name"][0]
    target.refresh_from_db()
    assert (target.profile, target.organisation.code, target.lead) == ("", "zmj", people["master_a"])


@pytest.fixture
def campaign_2020(studios):  # type: ignore[no-untyped-def]
    """2020's plan deadlines (7-31 / 8-31) are long past, so the statuses do not depend on today."""
    Studio.objects.filter(pk=studios["a1"].pk).update(online_on=datetime.date(2020, 7, 1))
    return studios


def test_onboarding_report_is_scoped_to_the_staff_members_subtree(people, campaign_2020):
    response = _client(people["staff_a"]).get(ONBOARDING, {"year": 2020})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["campaign"] == {
        "year": 2020, "demonstration_deadline": "2020-07-31", "all_studios_deadline": "2020-08-31"
    }
    assert body["summary"] == {"on_time": 1, "late": 0, "pending": 0, "overdue": 1}
    assert body["total"] == body["count"] == 2
    rows = {row["slug"]: row for row in body["results"]}
    assert set(rows) == {"zmj-hydraulics", "jinshui-power"}  # not 宇通 in district B
    assert rows["zmj-hydraulics"]["status_display"] == "已按期上线"
    assert rows["jinshui-power"]["deadline"] == "2020-08-31"  # not a demonstration studio


def test_onboarding_report_filters_by_status(people, campaign_2020):
    body = _client(people["city_staff"]).get(ONBOARDING, {"year": 2020, "status": "overdue"}).json()
    assert body["total"] == 3
    assert body["count"] == 2
    assert {row["slug"] for row in body["results"]} == {"jinshui-power", "yutong-ecu"}


def test_onboarding_report_for_the_site_admin_covers_everything(people, campaign_2020):
    body = _client(people["admin"]).get(ONBOARDING, {"year": 2020}).json()
    assert body["total"] == 3


@pytest.mark.parametrize("who", ["worker_a", "master_a"])
def test_onboarding_report_is_403_for_workers_and_masters(people, studios, who):
    response = _client(people[who]).get(ONBOARDING)
    assert response.status_code == 403
    assert response.json() == {"detail": "只有工会干部和平台管理员可以查看上线进网情况。"}


def test_onboarding_report_rejects_a_bad_year(people, studios):
    response = _client(people["staff_a"]).get(ONBOARDING, {"year": "abc"})
    assert response.status_code == 400
    assert "year" in response.json()
