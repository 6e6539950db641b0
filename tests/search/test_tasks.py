"""End to end through the real Celery worker and Elasticsearch: page and subtitle signals enqueue
search.tasks after the commit, and the index follows publishing, unpublishing, subtitles and deletion."""

from __future__ import annotations

import os

import pytest

from media.services import subtitle_set
from search.selectors import search_run
from tests.celery_worker import wait_until as wait_for
from tests.search.conftest import es_indexes_delete, es_url


@pytest.fixture
def worker_index(settings):  # type: ignore[no-untyped-def]
    """The worker runs with the environment's ELASTICSEARCH_URL and SEARCH_INDEX_PREFIX: so does this test."""
    settings.ELASTICSEARCH_URL = es_url()
    settings.SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "jianglian")
    es_indexes_delete(f"{settings.SEARCH_INDEX_PREFIX}-documents")
    yield
    es_indexes_delete(f"{settings.SEARCH_INDEX_PREFIX}-documents")


def _found(query: str) -> set[tuple[str, int]]:
    return {(hit.kind, hit.object_id) for hit in search_run(query=query).hits}


def test_the_index_follows_the_pages_through_the_worker(worker_index, celery_worker, content):
    cnc, lesson, lecture = content["cnc"], content["video_lesson"], content["lecture"]

    def wait_until(condition, *, message: str):  # type: ignore[no-untyped-def]
        try:
            return wait_for(condition, message=message)
        except BaseException:
            print(celery_worker.log_tail(80))
            raise
    wait_until(lambda: ("recording", lecture.pk) in _found("数控"), message="published lecture indexed")

    cnc.save_revision().publish()  # the course and its lessons
    wait_until(lambda: ("course", cnc.pk) in _found("数控"), message="published course indexed")
    wait_until(lambda: ("lesson", lesson.pk) in _found("主轴转速"), message="lesson subtitles indexed")

    subtitle_set(video=lesson.video, language="en", label="English",
                 content=b"1\n00:00:01,000 --> 00:00:02,000\nhydraulic pump maintenance\n", filename="en.srt")
    wait_until(lambda: ("lesson", lesson.pk) in _found("hydraulic"), message="new subtitles indexed")

    cnc.unpublish()
    wait_until(lambda: ("course", cnc.pk) not in _found("数控"), message="unpublished course removed")
    wait_until(lambda: _found("主轴转速") == set(), message="its lessons removed with it")

    from wagtail.models import PageViewRestriction

    cnc.save_revision().publish()
    wait_until(lambda: ("course", cnc.pk) in _found("数控"), message="republished course indexed")
    restriction = PageViewRestriction.objects.create(
        page=content["studio_page"], restriction_type=PageViewRestriction.LOGIN
    )
    wait_until(lambda: ("course", cnc.pk) not in _found("数控"), message="restricted course removed")
    restriction.delete()
    wait_until(lambda: ("course", cnc.pk) in _found("数控"), message="course back once the restriction is lifted")

    studio_page = content["studio_page"]  # a new slug on the section: the course's URL changes
    studio_page.slug = "renamed-studio"
    studio_page.save_revision().publish()
    new_url = type(cnc).objects.get(pk=cnc.pk).get_url()
    assert "renamed-studio" in new_url
    wait_until(lambda: any(h.url == new_url for h in search_run(query="数控加工工艺入门").hits),
               message="course URL follows the section's new slug")

    lecture.delete()
    wait_until(lambda: ("recording", lecture.pk) not in _found("数控"), message="deleted recording removed")
    assert ("recording", content["salon"].pk) in _found("数控")
