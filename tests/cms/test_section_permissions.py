"""Masters author only inside their own studio's section: courses and recordings under their studio's
page, through the real Wagtail admin views; nothing under another studio's."""

from __future__ import annotations

import pytest

from learning.models import CoursePage
from recordings.models import RecordingPage
from tests.cms.admin_forms import add_url, edit_url, inline_rows, page_form_data
from tests.recordings.factories import recording_create

pytestmark = pytest.mark.django_db


def _course_fields(title: str, slug: str) -> dict[str, str]:
    return {"title": title, "slug": slug, "summary": "从零开始学习数控车床的对刀。", "level": "beginner", "credit_hours": "2.0"}


def _recording_fields(title: str, slug: str, **extra: str) -> dict[str, str]:
    return {"title": title, "slug": slug, "kind": "lecture", "held_on": "2026-05-20", "summary": "讲座摘要。", **extra}


def test_master_creates_a_course_in_their_section(client, sections):
    master_a = sections["studio_a"].lead
    client.force_login(master_a)
    url = add_url("learning.CoursePage", sections["page_a"])

    response = client.post(url, page_form_data(client, url, **_course_fields("数控车床对刀", "cnc-setup")))

    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="cnc-setup")
    assert course.get_parent().pk == sections["page_a"].pk
    assert course.studio_id == sections["studio_a"].pk and not course.live
    assert course.get_latest_revision().user == master_a


def test_master_edits_a_course_of_their_section_and_not_anothers(client, sections):
    course_a = sections["page_a"].add_child(
        instance=CoursePage(title="甲的课程", slug="course-a", summary="简介", studio=sections["studio_a"])
    )
    course_b = sections["page_b"].add_child(
        instance=CoursePage(title="乙的课程", slug="course-b", summary="简介", studio=sections["studio_b"])
    )
    client.force_login(sections["studio_a"].lead)
    course = course_a
    data = page_form_data(client, edit_url(course), summary="修改后的简介。")
    assert client.post(edit_url(course), data).status_code == 302
    assert CoursePage.objects.get(pk=course.pk).get_latest_revision_as_object().summary == "修改后的简介。"

    assert client.get(edit_url(course_b)).status_code == 302
    response = client.post(edit_url(course_b), {"title": "被篡改", "slug": "course-b", "summary": "x"})
    assert response.status_code == 302
    assert CoursePage.objects.get(pk=course_b.pk).get_latest_revision() is None


def test_master_creates_a_recording_with_chapters_in_their_section(client, sections):
    master_a = sections["studio_a"].lead
    client.force_login(master_a)
    url = add_url("recordings.RecordingPage", sections["index_a"])
    data = page_form_data(
        client, url, **_recording_fields("焊接讲座", "welding", guest_speakers="陈立新"), speakers=[master_a.pk]
    )
    data.update(inline_rows("chapters", [{"start": "5:30", "title": "焊前准备"}, {"start": "1:02:03", "title": "答疑"}]))

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    page = RecordingPage.objects.get(slug="welding")
    draft = page.get_latest_revision_as_object()
    assert page.studio_id == sections["studio_a"].pk
    assert [(c.start, c.title) for c in draft.chapters.all()] == [("05:30", "焊前准备"), ("1:02:03", "答疑")]
    assert list(draft.speakers.all()) == [master_a]


def test_a_bad_time_code_is_a_chinese_message_and_nothing_is_saved(client, sections):
    client.force_login(sections["studio_a"].lead)
    url = add_url("recordings.RecordingPage", sections["index_a"])
    data = page_form_data(client, url, **_recording_fields("坏时间", "bad-time"))
    data.update(inline_rows("chapters", [{"start": "5:75", "title": "错误"}, {"start": "1:00", "title": "重复"},
                                         {"start": "01:00", "title": "重复"}]))

    response = client.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "分钟和秒数不能超过 59" in html
    assert "两个章节的开始时间相同" in html
    assert not RecordingPage.objects.filter(slug="bad-time").exists()


def test_master_cannot_author_in_another_studios_section(client, sections):
    master_a = sections["studio_a"].lead
    client.force_login(master_a)
    for url in (add_url("learning.CoursePage", sections["page_b"]), add_url("recordings.RecordingPage", sections["index_b"])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
        response = client.post(url, {"title": "越权", "slug": "intrude", "summary": "x", "held_on": "2026-01-01",
                                     "kind": "lecture", "level": "beginner", "credit_hours": "1"})
        assert response.status_code == 302
    assert not CoursePage.objects.filter(slug="intrude").exists()
    assert not RecordingPage.objects.filter(slug="intrude").exists()

    foreign = recording_create(index=sections["index_b"], title="乙的讲座", slug="b-talk")
    response = client.post(edit_url(foreign), {"title": "被篡改", "slug": "b-talk", "summary": "x"})
    assert response.status_code == 302
    assert RecordingPage.objects.get(pk=foreign.pk).title == "乙的讲座"
    assert client.get(edit_url(foreign)).status_code == 302


def test_master_of_b_authors_in_b_and_not_in_a(client, sections):
    master_b = sections["studio_b"].lead
    client.force_login(master_b)
    assert client.get(add_url("recordings.RecordingPage", sections["index_b"])).status_code == 200
    assert client.get(add_url("recordings.RecordingPage", sections["index_a"])).status_code == 302
    assert client.get(add_url("recordings.RecordingPage", sections["site_index"])).status_code == 302


def test_video_choices_are_the_masters_own(client, sections):
    """The recording's video field is media's chooser: it offers the master's own ready videos only."""
    from media.models import VideoStatus
    from tests.recordings.factories import pending_video_create

    master_a, master_b = sections["studio_a"].lead, sections["studio_b"].lead
    own = pending_video_create(owner=master_a, title="我的讲座录像")
    pending_video_create(owner=master_a, title="还在转码的录像")
    others = pending_video_create(owner=master_b, title="别人的录像")
    type(own).objects.filter(pk__in=[own.pk, others.pk]).update(status=VideoStatus.READY, duration=60)
    client.force_login(master_a)
    form = client.get(add_url("recordings.RecordingPage", sections["index_a"])).content.decode()
    assert "/admin/media/video-chooser/" in form  # the chooser widget, not a select of every video
    html = client.get("/admin/media/video-chooser/").json()["html"]
    assert "我的讲座录像" in html
    assert "别人的录像" not in html and "还在转码的录像" not in html
