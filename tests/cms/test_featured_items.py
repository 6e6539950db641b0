"""Featured items: publish window and ordering on the home page; the admin snippet scoped per subtree."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.models import FeaturedItem
from cms.selectors import featured_items_active
from tests.cms.pages import image_create

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/cms/featureditem/"


def item(organisation, title: str, *, starts: datetime.timedelta = datetime.timedelta(days=-1), ends=None, sort_order: int = 0, **fields):  # type: ignore[no-untyped-def]
    now = timezone.now()
    return FeaturedItem.objects.create(
        title=title,
        organisation=organisation,
        external_url=fields.pop("external_url", "https://www.zzgh.gov.cn/"),
        starts_at=now + starts,
        ends_at=now + ends if ends is not None else None,
        sort_order=sort_order,
        **fields,
    )


# --- publish window and ordering -------------------------------------------------------------------


def test_only_items_inside_their_publish_window_are_active(org_tree):
    day = datetime.timedelta(days=1)
    item(org_tree["a"], "长期展示", sort_order=0)
    item(org_tree["a"], "展示中", ends=day, sort_order=1)
    item(org_tree["a"], "尚未开始", starts=day, sort_order=2)
    item(org_tree["a"], "已经结束", starts=-3 * day, ends=-day, sort_order=3)

    assert [i.title for i in featured_items_active()] == ["长期展示", "展示中"]
    later = timezone.now() + 2 * day
    assert [i.title for i in featured_items_active(at=later)] == ["长期展示", "尚未开始"]


def test_is_live_agrees_with_the_selector(org_tree):
    day = datetime.timedelta(days=1)
    live = item(org_tree["a"], "展示中", ends=day)
    ended = item(org_tree["a"], "已经结束", starts=-3 * day, ends=-day)
    assert live.is_live() and not ended.is_live()
    assert ended.is_live(at=timezone.now() - 2 * day)


def test_active_items_follow_the_staff_order_then_newest_first(org_tree):
    hour = datetime.timedelta(hours=1)
    item(org_tree["a"], "第三", sort_order=2)
    item(org_tree["a"], "第一", sort_order=0, starts=-5 * hour)
    item(org_tree["a"], "第二", sort_order=1)
    item(org_tree["a"], "并列第一但更新", sort_order=0, starts=-hour)

    assert [i.title for i in featured_items_active()] == ["并列第一但更新", "第一", "第二", "第三"]
    assert len(featured_items_active(limit=2)) == 2


def test_home_page_shows_active_items_as_cards_in_order(client, site_pages, org_tree):
    image = image_create(title="劳模风采", width=1280, height=720)
    item(org_tree["a"], "第二张卡片", sort_order=1, summary="工匠精神宣讲")
    item(org_tree["a"], "第一张卡片", sort_order=0, image=image, external_url="", page=site_pages["studio_index"])
    item(org_tree["a"], "过期卡片", starts=datetime.timedelta(days=-9), ends=datetime.timedelta(days=-2))

    html = client.get("/").content.decode()

    assert html.index("第一张卡片") < html.index("第二张卡片")
    assert "过期卡片" not in html
    assert "工匠精神宣讲" in html
    assert '<a href="/studios/">第一张卡片</a>' in html
    assert 'href="https://www.zzgh.gov.cn/" rel="noopener"' in html
    assert 'alt="第一张卡片"' in html and 'width="640"' in html and 'height="360"' in html


def test_featured_item_needs_a_link_and_a_sane_window(org_tree):
    from django.core.exceptions import ValidationError

    bad = FeaturedItem(
        title="无链接", organisation=org_tree["a"], starts_at=timezone.now(), ends_at=timezone.now() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "请选择站内页面或填写外部链接。" in excinfo.value.message_dict["page"]
    assert "结束展示时间必须晚于开始展示时间。" in excinfo.value.message_dict["ends_at"]


# --- the admin snippet -------------------------------------------------------------------------------


@pytest.fixture
def items(org_tree):  # type: ignore[no-untyped-def]
    return {
        "a": item(org_tree["a"], "金水区推荐", sort_order=0),
        "a1": item(org_tree["a1"], "郑煤机推荐", sort_order=1),
        "b": item(org_tree["b"], "二七区推荐", sort_order=2),
        "city": item(org_tree["city"], "市总推荐", sort_order=3),
    }


def test_staff_list_only_their_subtree(client, people, items):
    client.force_login(people["staff_a"])
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "金水区推荐" in html and "郑煤机推荐" in html
    assert "二七区推荐" not in html and "市总推荐" not in html
    assert "当前展示中" in html  # the live-now column
    assert "开始展示" in html and "结束展示" in html

    client.force_login(people["city_staff"])
    html = client.get(LIST_URL).content.decode()
    assert all(title in html for title in ("金水区推荐", "郑煤机推荐", "二七区推荐", "市总推荐"))


def test_staff_cannot_open_another_district_item(client, people, items):
    client.force_login(people["staff_a"])
    foreign = items["b"].pk
    for url in (
        f"{LIST_URL}edit/{foreign}/",
        f"{LIST_URL}delete/{foreign}/",
        f"{LIST_URL}history/{foreign}/",
        f"{LIST_URL}usage/{foreign}/",
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
    response = client.get(f"{LIST_URL}copy/{foreign}/")
    assert response.status_code in (302, 403, 404)
    assert client.post(f"{LIST_URL}edit/{foreign}/", {"title": "篡改"}).status_code in (403, 404)
    assert client.post(f"{LIST_URL}delete/{foreign}/").status_code in (403, 404)
    assert FeaturedItem.objects.get(pk=foreign).title == "二七区推荐"
    assert client.get(f"{LIST_URL}edit/{items['a1'].pk}/").status_code == 200


def test_masters_and_workers_have_no_featured_item_admin(client, people, items):
    for user in (people["master_a"], people["worker_a"]):
        client.force_login(user)
        response = client.get(LIST_URL)
        assert response.status_code == 302
        assert FeaturedItem.objects.count() == 4


def _form_data(org, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "title": "新的推荐",
        "summary": "一条新的推荐内容",
        "page": "",
        "external_url": "https://example.cn/news/1",
        "image": "",
        "organisation": str(org.pk),
        "starts_at": "2026-01-01 08:00",
        "ends_at": "",
    }
    data.update(overrides)
    return data


def test_staff_create_in_their_subtree_and_created_by_is_recorded(client, people, org_tree):
    client.force_login(people["staff_a"])
    page = client.get(f"{LIST_URL}add/").content.decode()
    # the organisation choices are the staff's own subtree
    assert "金水区总工会" in page and "郑州煤矿机械集团" in page
    assert "二七区总工会" not in page and "郑州宇通客车" not in page

    response = client.post(f"{LIST_URL}add/", _form_data(org_tree["a1"]))

    assert response.status_code == 302, response.content.decode()[:3000]
    created = FeaturedItem.objects.get(title="新的推荐")
    assert created.organisation == org_tree["a1"]
    assert created.created_by == people["staff_a"]


def test_staff_cannot_publish_for_another_district(client, people, org_tree):
    client.force_login(people["staff_a"])
    response = client.post(f"{LIST_URL}add/", _form_data(org_tree["b"]))
    assert response.status_code == 200
    assert "只能选择您管辖范围内的组织（本级及下级）。" in response.content.decode()
    assert not FeaturedItem.objects.filter(title="新的推荐").exists()


def test_invalid_window_is_a_chinese_form_error(client, people, org_tree):
    client.force_login(people["staff_a"])
    response = client.post(
        f"{LIST_URL}add/", _form_data(org_tree["a"], starts_at="2026-05-01 08:00", ends_at="2026-04-01 08:00")
    )
    assert response.status_code == 200
    assert "结束展示时间必须晚于开始展示时间。" in response.content.decode()


def test_reordering_is_scoped(client, people, items):
    client.force_login(people["staff_a"])
    # a foreign item cannot be moved
    assert client.post(f"{LIST_URL}reorder/{items['b'].pk}/?position=0").status_code in (403, 404)
    # moving one's own item reorders among one's own items only
    response = client.post(f"{LIST_URL}reorder/{items['a1'].pk}/?position=0")
    assert response.status_code == 200
    orders = dict(FeaturedItem.objects.values_list("title", "sort_order"))
    assert orders["郑煤机推荐"] < orders["金水区推荐"]
    assert orders["二七区推荐"] == 2 and orders["市总推荐"] == 3


def test_site_admin_sees_and_edits_everything(client, people, items):
    client.force_login(people["admin"])
    html = client.get(LIST_URL).content.decode()
    assert all(title in html for title in ("金水区推荐", "郑煤机推荐", "二七区推荐", "市总推荐"))
    assert client.get(f"{LIST_URL}edit/{items['b'].pk}/").status_code == 200
