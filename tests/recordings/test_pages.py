"""The public recording pages: the filtered, paginated listing and a recording with its chapters."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recordings.models import RecordingKind, RecordingPage
from tests.accounts.factories import MasterFactory
from tests.recordings.factories import (
    attachment_add,
    document_create,
    pending_video_create,
    ready_video_create,
    recording_create,
)

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def test_recordings_know_their_studio_from_the_section(sections):
    in_a = recording_create(index=sections["index_a"], title="甲的讲座")
    alliance = recording_create(index=sections["site_index"], title="联盟沙龙", organiser="装备制造分盟")
    assert sections["index_a"].studio_id == sections["studio_a"].pk
    assert sections["site_index"].studio_id is None
    assert in_a.studio_id == sections["studio_a"].pk and in_a.organiser_label == "甲数控工作室"
    assert alliance.studio_id is None and alliance.organiser_label == "装备制造分盟"


def test_site_wide_listing_filters_by_kind_studio_and_year(client, sections):
    recording_create(index=sections["index_a"], title="甲讲座2026", held_on=datetime.date(2026, 3, 1))
    recording_create(
        index=sections["index_a"], title="甲沙龙2025", kind=RecordingKind.SALON, held_on=datetime.date(2025, 9, 1)
    )
    recording_create(index=sections["index_b"], title="乙讲座2026", held_on=datetime.date(2026, 4, 1))
    recording_create(index=sections["site_index"], title="联盟沙龙", kind=RecordingKind.SALON, organiser="联盟")
    recording_create(index=sections["index_b"], title="乙草稿", live=False)

    html = client.get("/talks/").content.decode()
    assert _titles(html) == ["联盟沙龙", "乙讲座2026", "甲讲座2026", "甲沙龙2025"]  # newest first, no draft
    assert 'value="studio-a"' in html and 'value="2025"' in html

    assert _titles(client.get("/talks/?kind=salon").content.decode()) == ["联盟沙龙", "甲沙龙2025"]
    assert _titles(client.get("/talks/?studio=studio-a").content.decode()) == ["甲讲座2026", "甲沙龙2025"]
    assert _titles(client.get("/talks/?year=2025").content.decode()) == ["甲沙龙2025"]
    assert _titles(client.get("/talks/?kind=lecture&year=2026&studio=studio-b").content.decode()) == ["乙讲座2026"]
    # nonsense filters are ignored or simply match nothing, never a 500
    for query in ("?kind=x", "?year=abcd", "?year=99999", "?page=999", "?page=-1", "?studio=%00"):
        assert client.get(f"/talks/{query}").status_code == 200
    empty = client.get("/talks/?studio=nobody").content.decode()
    assert "没有符合条件的讲座或沙龙" in empty


def test_a_studio_listing_shows_only_its_own(client, sections):
    recording_create(index=sections["index_a"], title="甲的讲座")
    recording_create(index=sections["index_b"], title="乙的讲座")
    html = client.get("/studios/studio-a/talks/").content.decode()
    assert _titles(html) == ["甲的讲座"]
    assert 'name="studio"' not in html  # no studio filter inside a studio's section


def test_listing_is_paginated(client, sections):
    for day in range(1, 15):
        recording_create(index=sections["index_a"], title=f"讲座{day:02d}", held_on=datetime.date(2026, 1, day))
    first = client.get("/talks/").content.decode()
    second = client.get("/talks/?page=2").content.decode()
    assert len(_titles(first)) == 12 and len(_titles(second)) == 2
    assert "共 14 场活动" in first and "第 2 / 2 页" in second
    assert _titles(second) == ["讲座02", "讲座01"]


def _listing_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_listing_query_count_does_not_grow_with_items(client, sections, org_tree):
    speakers = [MasterFactory(organisation=org_tree["a1"]) for _ in range(3)]
    owner = speakers[0]
    recording_create(index=sections["index_a"], title="首场", speakers=speakers[:1], video=ready_video_create(owner=owner))
    client.get("/talks/")  # warm caches (site root paths, content types)
    few = _listing_queries(client, "/talks/")

    for number in range(10):
        recording_create(
            index=sections["index_a" if number % 2 else "index_b"],
            title=f"讲座{number}",
            speakers=speakers,
            video=ready_video_create(owner=owner, title=f"录像{number}"),
            guest_speakers="陈立新、刘芳",
        )
    many = _listing_queries(client, "/talks/")

    assert many == few, f"{few} queries for 1 item, {many} for 11"
    html = client.get("/talks/").content.decode()
    assert html.count("有回放") == 11


def test_detail_shows_facts_chapters_that_seek_and_attachments(client, sections, org_tree):
    master = sections["studio_a"].lead
    master.real_name = "王建军"
    master.save()
    video = ready_video_create(owner=master)
    page = recording_create(
        index=sections["index_a"],
        title="刮板输送机焊接工艺讲座",
        speakers=[master],
        guest_speakers="陈立新（郑州大学教授）、刘芳",
        venue="郑煤机培训中心",
        video=video,
        chapters=[("12:30", "焊前预热"), ("00:00", "开场"), ("1:02:03", "答疑")],
    )
    attachment_add(page=page, document=document_create(title="焊接工艺讲义"), title="讲义（PDF）")

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "王建军" in html and "陈立新（郑州大学教授）" in html and "刘芳" in html and "郑煤机培训中心" in html
    assert "甲数控工作室" in html
    assert 'data-hls-player' in html and f"videos/{video.uid}/master.m3u8" in html
    seeks = re.findall(r'data-seek="(\d+)"', html)
    assert seeks == ["0", "750", "3723"]  # ordered by start time whatever the entry order
    assert "recordings/chapters.js" in html and "js/media/player.js" in html
    assert "讲义（PDF）" in html and ".pdf" in html


def test_detail_without_a_processed_video_lists_chapters_without_seeking(client, sections):
    master = sections["studio_a"].lead
    page = recording_create(
        index=sections["index_a"], video=pending_video_create(owner=master), chapters=[("00:00", "开场")]
    )
    html = client.get(page.url).content.decode()
    assert "视频正在处理中" in html and "开场" in html and "data-seek" not in html
    assert "js/media/player.js" not in html

    no_video = recording_create(index=sections["index_a"], title="无录像", slug="no-video")
    assert "本场活动暂无录像" in client.get(no_video.url).content.decode()


def test_draft_recording_is_not_public(client, sections):
    draft = recording_create(index=sections["index_a"], title="草稿讲座", slug="draft", live=False)
    assert RecordingPage.objects.get(pk=draft.pk).live is False
    assert client.get("/studios/studio-a/talks/draft/").status_code == 404
