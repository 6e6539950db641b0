"""The public site pages render in Chinese, at a constant query cost, with the studio's facts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import StandardPage
from studios.models import Industry, OnboardingCampaign, StudioLevel, StudioPhoto
from tests.accounts.factories import MasterFactory, UserFactory
from tests.cms.pages import image_create, studio_page_create
from tests.studios.factories import StudioFactory

pytestmark = pytest.mark.django_db


def _studios_with_pages(count: int, *, index, organisation, **fields):  # type: ignore[no-untyped-def]
    pages = []
    for _n in range(count):
        studio = StudioFactory(organisation=organisation, **fields)
        studio.cover = image_create(title=f"{studio.name}封面")
        studio.save()
        pages.append(studio_page_create(studio=studio, index=index, intro="数控加工技术攻关"))
    return pages


def test_home_page_in_chinese_with_hero_and_studio_link(client, site_pages):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html
    assert "劳模工匠在线学堂" in html
    assert "浏览创新工作室" in html
    assert 'href="/studios/"' in html
    assert "还没有工作室完成上线进网。" in html


def test_home_page_lists_latest_online_studios_newest_first(client, site_pages, org_tree):
    index = site_pages["studio_index"]
    older = StudioFactory(organisation=org_tree["a1"], name="早上线工作室", online_on=datetime.date(2026, 3, 1))
    newer = StudioFactory(organisation=org_tree["b1"], name="新上线工作室", online_on=datetime.date(2026, 6, 1))
    offline = StudioFactory(organisation=org_tree["a1"], name="未上线工作室")
    for studio in (older, newer, offline):
        studio_page_create(studio=studio, index=index)

    html = client.get("/").content.decode()

    assert html.index("新上线工作室") < html.index("早上线工作室")
    assert "未上线工作室" not in html
    assert f'href="/studios/{newer.slug}/"' in html


def test_home_page_renders_its_body_stream(client, site_pages):
    home = site_pages["home"]
    home.body = [("heading", {"text": "联盟简介", "level": "h2"}), ("quote", {"text": "劳动最光荣", "attribution": ""})]
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert "<h2>联盟简介</h2>" in html
    assert "劳动最光荣" in html


def test_studio_index_lists_cards_with_filters_labelled(client, site_pages, org_tree):
    _studios_with_pages(2, index=site_pages["studio_index"], organisation=org_tree["a1"])

    response = client.get("/studios/")

    assert response.status_code == 200
    html = response.content.decode()
    for field_id, label in (("filter-q", "关键词"), ("filter-industry", "行业"), ("filter-level", "级别")):
        assert f'<label for="{field_id}">{label}</label>' in html
    assert "共 2 个工作室" in html
    assert html.count('class="card studio-card"') == 2
    # covers are renditions with explicit size and alt text
    for img in re.findall(r"<img [^>]+>", html):
        assert 'width="640"' in img and 'height="360"' in img and 'alt="测试创新工作室' in img, img


def test_studio_index_filters_by_industry_level_and_keyword(client, site_pages, org_tree):
    index = site_pages["studio_index"]
    energy = StudioFactory(organisation=org_tree["a1"], name="电网带电作业工作室", industry=Industry.ENERGY)
    national = StudioFactory(
        organisation=org_tree["b1"], name="客车焊接工作室", level=StudioLevel.NATIONAL, industry=Industry.AUTOMOTIVE
    )
    lead = MasterFactory(organisation=org_tree["a1"], real_name="李斌")
    by_lead = StudioFactory(organisation=org_tree["a1"], name="数控技术工作室", lead=lead)
    for studio in (energy, national, by_lead):
        studio_page_create(studio=studio, index=index)

    def names(query: str) -> set[str]:
        html = client.get(f"/studios/{query}").content.decode()
        return {name for name in ("电网带电作业工作室", "客车焊接工作室", "数控技术工作室") if name in html}

    assert names("?industry=energy") == {"电网带电作业工作室"}
    assert names("?level=national") == {"客车焊接工作室"}
    assert names("?q=李斌") == {"数控技术工作室"}
    assert names("?q=焊接") == {"客车焊接工作室"}
    assert names("?industry=energy&level=national") == set()
    # unknown values are ignored rather than failing
    assert names("?industry=nonsense&level=x") == {"电网带电作业工作室", "客车焊接工作室", "数控技术工作室"}
    html = client.get("/studios/?industry=energy").content.decode()
    assert '<option value="energy" selected>' in html


def test_studio_index_pagination_keeps_the_filters(client, site_pages, org_tree):
    index = site_pages["studio_index"]
    for n in range(14):
        studio = StudioFactory(organisation=org_tree["a1"], name=f"能源工作室{n:02d}", industry=Industry.ENERGY)
        studio_page_create(studio=studio, index=index)
    StudioFactory(organisation=org_tree["a1"], name="其他行业工作室", industry=Industry.FOOD)

    html = client.get("/studios/?industry=energy&q=能源").content.decode()
    assert "共 14 个工作室" in html
    assert "第 1 / 2 页" in html
    next_link = re.search(r'href="([^"]+)" rel="next"', html)
    assert next_link is not None
    href = next_link.group(1).replace("&amp;", "&")
    assert "industry=energy" in href and "page=2" in href and "q=" in href

    second = client.get(f"/studios/{href}").content.decode()
    assert "第 2 / 2 页" in second
    assert second.count('class="card studio-card"') == 2
    assert "其他行业工作室" not in second


def _index_queries(client) -> int:  # type: ignore[no-untyped-def]
    client.get("/studios/")  # warm up: renditions generated, site root paths cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/studios/")
    assert response.status_code == 200
    return len(captured)


def test_studio_index_query_count_does_not_grow_with_the_number_of_studios(client, site_pages, org_tree):
    index = site_pages["studio_index"]
    _studios_with_pages(3, index=index, organisation=org_tree["a1"])
    few = _index_queries(client)

    _studios_with_pages(9, index=index, organisation=org_tree["b1"])
    many = _index_queries(client)

    assert "共 12 个工作室" in client.get("/studios/").content.decode()
    assert many == few, f"{few} queries for 3 studios but {many} for 12"


def test_studio_page_shows_the_studio(client, site_pages, org_tree):
    lead = MasterFactory(
        organisation=org_tree["a1"], real_name="王师傅", trade="数控车工", skill_level="special"
    )
    member = UserFactory(organisation=org_tree["a1"], real_name="张徒弟", trade="钳工")
    studio = StudioFactory(
        organisation=org_tree["a1"],
        name="王师傅数控技术创新工作室",
        lead=lead,
        members=[member],
        level=StudioLevel.PROVINCIAL,
        industry=Industry.MANUFACTURING,
        founded_on=datetime.date(2019, 5, 1),
        profile="专注数控加工工艺攻关。\n培养青年技工。",
    )
    studio.cover = image_create(title="封面", width=1200, height=675)
    studio.save()
    StudioPhoto.objects.create(studio=studio, image=image_create(title="车间"), caption="车间一角")
    page = studio_page_create(studio=studio, index=site_pages["studio_index"], intro="工艺攻关与人才培养")
    page.body = [("heading", {"text": "主要成果", "level": "h2"})]
    page.save_revision().publish()

    response = client.get(f"/studios/{studio.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>王师傅数控技术创新工作室</h1>" in html
    assert "省级示范" in html and "装备制造" in html
    assert "郑州煤矿机械集团" in html
    assert "王师傅" in html and "数控车工" in html and "特级技师" in html
    assert "张徒弟" in html and "钳工" in html
    assert "2019年5月1日" in html
    assert "专注数控加工工艺攻关。" in html
    assert 'alt="车间一角"' in html and "<figcaption>车间一角</figcaption>" in html
    assert 'width="960"' in html and 'height="540"' in html
    assert "<h2>主要成果</h2>" in html
    assert "编辑主页" not in html  # anonymous visitors do not get the edit link


def test_studio_page_edit_link_only_for_members(client, site_pages, org_tree, people):
    member = UserFactory(organisation=org_tree["a1"])
    studio = StudioFactory(organisation=org_tree["a1"], members=[member])
    page = studio_page_create(studio=studio, index=site_pages["studio_index"])
    edit_link = f'href="/admin/pages/{page.id}/edit/"'

    for user, expected in ((studio.lead, True), (member, True), (people["master_b"], False), (people["worker_a"], False)):
        client.force_login(user)
        html = client.get(f"/studios/{studio.slug}/").content.decode()
        assert (edit_link in html and "编辑主页" in html) is expected, user
        client.logout()


@pytest.mark.parametrize(
    ("level", "online_on", "today", "status", "label"),
    [
        (StudioLevel.CITY, datetime.date(2026, 7, 20), datetime.date(2026, 9, 1), "on_time", "已按期上线"),
        (StudioLevel.CITY, datetime.date(2026, 8, 5), datetime.date(2026, 9, 1), "late", "已上线（逾期）"),
        (StudioLevel.NONE, None, datetime.date(2026, 8, 15), "pending", "待上线"),
        (StudioLevel.NONE, None, datetime.date(2026, 9, 1), "overdue", "逾期未上线"),
    ],
)
def test_studio_page_onboarding_status(client, site_pages, org_tree, monkeypatch, level, online_on, today, status, label):  # type: ignore[no-untyped-def]
    OnboardingCampaign.objects.create(
        year=2026, demonstration_deadline=datetime.date(2026, 7, 31), all_studios_deadline=datetime.date(2026, 8, 31)
    )
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    studio = StudioFactory(organisation=org_tree["a1"], level=level, online_on=online_on)
    studio_page_create(studio=studio, index=site_pages["studio_index"])

    html = client.get(f"/studios/{studio.slug}/").content.decode()

    assert f'<span class="tag status-{status}" data-testid="onboarding-status">{label}</span>' in html
    deadline = "2026年7月31日" if level != StudioLevel.NONE else "2026年8月31日"
    assert f"截止日期：{deadline}" in html


def test_standard_page_renders_intro_and_body(client, site_pages):
    page = site_pages["home"].add_child(
        instance=StandardPage(title="关于联盟", slug="about", intro="联盟章程与组织架构。")
    )
    page.body = [("paragraph", "<p>联盟成立于 2020 年。</p>")]
    page.save_revision().publish()

    html = client.get("/about/").content.decode()

    assert "<h1>关于联盟</h1>" in html
    assert "联盟章程与组织架构。" in html
    assert "联盟成立于 2020 年。" in html


def test_missing_page_renders_the_chinese_404(client, site_pages):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "返回首页" in html
