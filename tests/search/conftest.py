"""Search tests run on both backends: the real Elasticsearch node (own index prefix, deleted afterwards)
and the database (ELASTICSEARCH_URL="")."""

from __future__ import annotations

import os
import uuid

import pytest

from learning.models import LessonKind
from media.services import subtitle_set
from recordings.models import RecordingKind
from tests.learning.factories import course_create, lesson_create, studio_page_for, video_create
from tests.recordings.factories import recording_create, sections_build

SRT = "1\n00:00:01,000 --> 00:00:04,000\n主轴转速要与刀具材料相匹配\n\n2\n00:00:05,000 --> 00:00:08,000\n切削液防止工件过热\n"


def es_url() -> str:
    url = os.environ.get("ELASTICSEARCH_URL", "").strip()
    if not url:
        pytest.fail('ELASTICSEARCH_URL is not set (eval "$(scripts/services.sh env)")', pytrace=False)
    return url


def es_indexes_delete(prefix: str) -> None:
    from elasticsearch import Elasticsearch

    client = Elasticsearch(es_url(), request_timeout=30)
    for name in client.indices.get(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True):
        client.options(ignore_status=404).indices.delete(index=name)
    client.close()


@pytest.fixture
def es_settings(settings):  # type: ignore[no-untyped-def]
    """The Elasticsearch backend with an index prefix of this test only; its indexes are deleted after."""
    prefix = f"{os.environ.get('SEARCH_INDEX_PREFIX', 'search')}-t{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_URL = es_url()
    settings.SEARCH_INDEX_PREFIX = prefix
    yield settings
    es_indexes_delete(prefix)


@pytest.fixture(params=["elasticsearch", "database"])
def backend(request, settings):  # type: ignore[no-untyped-def]
    """Each test using it runs once per backend; the value is the backend's name."""
    if request.param == "elasticsearch":
        request.getfixturevalue("es_settings")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def content(site_pages, org_tree):  # type: ignore[no-untyped-def]
    """A CNC course with a text lesson and a subtitled video lesson, a welding course, a draft course,
    and a lecture and a salon with a subtitled video."""
    sections = sections_build(site_pages=site_pages, org_tree=org_tree)
    studio_a = sections["page_a"]  # named 甲数控工作室 there: renamed, so "数控" finds the courses and talks only
    studio_a.studio.name = studio_a.title = "甲机械工作室"
    studio_a.studio.save()
    studio_a.save_revision().publish()
    studio_page = studio_page_for(site_pages=site_pages, organisation=org_tree["a1"])
    cnc = course_create(studio_page=studio_page, title="数控加工工艺入门", tags=["数控", "车工"])
    cnc.summary = "从零开始学习数控车床的编程与操作。"
    cnc.save()
    text = lesson_create(course=cnc, kind=LessonKind.TEXT, title="刀具选择",
                         body="<p>硬质合金刀具适合<b>高速切削</b>。</p>")
    video = video_create()
    subtitle_set(video=video, language="zh-Hans", label="中文", content=SRT.encode(), filename="a.srt")
    video_lesson = lesson_create(course=cnc, kind=LessonKind.VIDEO, video=video, title="机床开机")
    welding = course_create(studio_page=studio_page, title="焊接质量控制", trade="焊工")
    draft = course_create(studio_page=studio_page, title="数控草稿课程", live=False)
    lecture_video = video_create()
    subtitle_set(video=lecture_video, language="zh-Hans", label="中文",
                 content="1\n00:00:01,000 --> 00:00:03,000\n班组长要带头落实安全交底\n".encode(), filename="b.srt")
    lecture = recording_create(index=sections["index_a"], title="数控机床维护讲座", video=lecture_video)
    salon = recording_create(index=sections["site_index"], title="智能制造行业沙龙", kind=RecordingKind.SALON,
                             summary="围绕焊接机器人和数控系统展开讨论。")
    return {"cnc": cnc, "text": text, "video_lesson": video_lesson, "welding": welding, "draft": draft,
            "lecture": lecture, "salon": salon, "sections": sections, "studio_page": studio_page}
