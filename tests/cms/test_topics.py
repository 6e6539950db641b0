"""专题: union staff curate topics for their own organisation; the home page shows the current ones."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.models import TopicIndexPage, TopicItem, TopicPage
from tests.cms.admin_forms import add_url, edit_url, inline_rows, page_form_data
from tests.recordings.factories import recording_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics_index(sections):  # type: ignore[no-untyped-def]
    index = sections["home"].add_child(instance=TopicIndexPage(title="专题", slug="topics"))
    index.save_revision().publish()
    return index


def _topic(index, *, title, organisation, starts_on, ends_on=None, pages=(), slug=None):  # type: ignore[no-untyped-def]
    topic = TopicPage(
        title=title, slug=slug or f"topic-{TopicPage.objects.count() + 1}", organisation=organisation,
        intro=f"{title}的介绍。", starts_on=starts_on, ends_on=ends_on,
    )
    topic.items = [TopicItem(page=page, note=f"推荐{number}") for number, page in enumerate(pages)]
    index.add_child(instance=topic)
    topic.save_revision().publish()
    return TopicPage.objects.get(pk=topic.pk)


def test_staff_create_a_topic_for_their_organisation_only(client, sections, topics_index, people, org_tree):
    talk = recording_create(index=sections["index_a"], title="精益生产讲座", slug="lean")
    client.force_login(people["staff_a"])
    url = add_url("cms.TopicPage", topics_index)
    form_html = client.get(url).content.decode()
    assert "金水区总工会" in form_html and "二七区总工会" not in form_html  # organisation choices in scope

    fields = {"title": "金水区技能月", "slug": "jinshui-skills", "intro": "技能月专题。", "starts_on": "2026-11-01"}
    data = page_form_data(client, url, organisation=org_tree["b"].pk, **fields)
    data.update(inline_rows("items", [{"page": talk.pk, "note": "必看"}]))
    response = client.post(url, data)
    assert response.status_code == 200 and "只能选择您管辖范围内的组织" in response.content.decode()
    assert not TopicPage.objects.exists()

    data["organisation"] = str(org_tree["a"].pk)
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    topic = TopicPage.objects.get(slug="jinshui-skills")
    assert topic.live and topic.organisation_id == org_tree["a"].pk
    assert [(item.page_id, item.note) for item in topic.items.all()] == [(talk.pk, "必看")]


def test_a_topic_item_must_be_a_course_recording_or_studio_page(client, sections, topics_index, people, org_tree):
    client.force_login(people["staff_a"])
    url = add_url("cms.TopicPage", topics_index)
    data = page_form_data(client, url, title="错误专题", slug="bad", intro="x", starts_on="2026-11-01",
                          organisation=org_tree["a"].pk)
    data.update(inline_rows("items", [{"page": sections["home"].pk, "note": ""}]))
    response = client.post(url, data)
    assert response.status_code == 200
    assert not TopicPage.objects.filter(slug="bad").exists()


def test_dates_must_be_in_order(client, topics_index, people, org_tree, sections):
    talk = recording_create(index=sections["index_a"], slug="t1")
    client.force_login(people["staff_a"])
    url = add_url("cms.TopicPage", topics_index)
    data = page_form_data(client, url, title="倒序", slug="reversed", intro="x", starts_on="2026-11-10",
                          ends_on="2026-11-01", organisation=org_tree["a"].pk)
    data.update(inline_rows("items", [{"page": talk.pk, "note": ""}]))
    response = client.post(url, data)
    assert response.status_code == 200 and "结束日期不能早于开始日期" in response.content.decode()
    assert not TopicPage.objects.filter(slug="reversed").exists()


def test_staff_cannot_edit_another_districts_topic(client, sections, topics_index, people, org_tree):
    talk = recording_create(index=sections["index_b"], slug="b1")
    theirs = _topic(topics_index, title="二七区专题", organisation=org_tree["b"], starts_on=datetime.date(2026, 1, 1), pages=[talk])
    client.force_login(people["staff_a"])
    response = client.get(edit_url(theirs))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.post(edit_url(theirs), {"title": "被篡改", "slug": theirs.slug})
    assert response.status_code == 302
    assert TopicPage.objects.get(pk=theirs.pk).title == "二七区专题"
    listing = client.get(f"/admin/pages/{topics_index.pk}/").content.decode()
    assert "二七区专题" not in listing

    client.force_login(people["staff_b"])
    assert client.get(edit_url(theirs)).status_code == 200
    client.force_login(people["city_staff"])
    assert client.get(edit_url(theirs)).status_code == 200


def test_home_and_index_show_current_topics_with_their_items_in_order(client, sections, topics_index, org_tree):
    first = recording_create(index=sections["index_a"], title="第一讲", slug="first")
    second = recording_create(index=sections["index_b"], title="第二讲", slug="second")
    draft = recording_create(index=sections["index_b"], title="未发布的讲座", slug="draft", live=False)
    today = timezone.localdate()
    current = _topic(
        topics_index, title="安全生产月", organisation=org_tree["city"], starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=3), pages=[second, draft, first, sections["page_a"]],
    )
    _topic(topics_index, title="往期专题", organisation=org_tree["city"], starts_on=today - datetime.timedelta(days=30),
           ends_on=today - datetime.timedelta(days=1), pages=[first])
    _topic(topics_index, title="下月专题", organisation=org_tree["city"], starts_on=today + datetime.timedelta(days=5),
           pages=[first])

    home = client.get("/").content.decode()
    assert "安全生产月" in home and "往期专题" not in home and "下月专题" not in home

    index_html = client.get("/topics/").content.decode()
    assert index_html.index("安全生产月") < index_html.index("往期专题")
    assert "下月专题" not in index_html

    html = client.get(current.url).content.decode()
    positions = [html.index(title) for title in ("第二讲", "第一讲", "甲数控工作室")]
    assert positions == sorted(positions)  # staff's order
    assert "未发布的讲座" not in html and "推荐0" in html
