"""A worker's whole learning journey on a 360 px phone, end to end on the real stack.

A short clip (ffmpeg testsrc + sine) goes through the real media pipeline on the real Celery worker and
becomes the video of a course's first lesson; the second lesson is a text read by scrolling. The worker
logs in, finds the course in the catalogue, enrols, plays the video to the end in the page's player
(heartbeat.js sends the real heartbeats, the server applies its rules), reads the text, sees both lessons
and the course completed, downloads the certificate PDF from 我的学习 and checks it on the public
verification page.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from django.utils import timezone

from certificates.models import Certificate
from learning.models import Enrollment, HeartbeatOutcome, LessonKind, LessonProgress, PlaybackHeartbeat
from media.models import Video, VideoStatus
from media.services.storage import storage_delete_tree
from tests.accounts.factories import MasterFactory, UserFactory
from tests.celery_worker import wait_until
from tests.cms.pages import site_pages_build, studio_page_create
from tests.learning.factories import course_create, course_index_create, lesson_create
from tests.media.conftest import _clip, upload_file
from tests.playwright_browser import PHONE, log_in, no_horizontal_scroll
from tests.studios.factories import StudioFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gongjiang@2026"
CLIP_SECONDS = 8
COURSE_TITLE = "数控车床安全操作入门"
LEARNER_NAME = "张伟"
PIPELINE_TIMEOUT = 240.0
END_BELOW_FOLD = (
    "() => document.querySelector('[data-learning-text-end]').getBoundingClientRect().top > window.innerHeight"
)


@pytest.fixture(scope="module")
def lesson_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """320×240, 8 s, with a 440 Hz tone."""
    return _clip(tmp_path_factory.mktemp("journey") / "safety-check.mp4", size="320x240", seconds=CLIP_SECONDS)


@pytest.fixture
def ready_video(celery_worker, org_tree, lesson_clip) -> Iterator[Video]:  # type: ignore[no-untyped-def]
    """The clip uploaded through the resumable-upload services and processed by the real worker."""
    master = MasterFactory(real_name="王建军", organisation=org_tree["a1"])
    video = upload_file(owner=master, path=lesson_clip, title="开机前的安全检查")  # transcode queued on commit
    try:
        wait_until(
            lambda: (video.refresh_from_db(), video.is_finished)[1],
            timeout=PIPELINE_TIMEOUT,
            message="the worker to process the lesson video",
        )
        assert video.status == VideoStatus.READY, (video.error_reason, celery_worker.log_tail())
        assert video.duration and abs(video.duration - CLIP_SECONDS) < 1
        yield video
    finally:
        storage_delete_tree(f"videos/{video.uid}")


@pytest.fixture
def certificate_files(celery_worker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The certificate PDFs land in the MEDIA_ROOT the worker shares: remove them afterwards (once the
    worker's own rendering of the PDF is over)."""
    yield
    celery_worker.wait_idle()
    for certificate in Certificate.objects.exclude(pdf=""):
        certificate.pdf.delete(save=False)


def _long_text() -> str:
    paragraphs = [
        f"<p>第{n}条：操作数控车床前，检查防护门、急停按钮和卡盘扳手；工件装夹牢固后方可启动主轴，"
        "加工中不得用手清理切屑，测量工件必须停机。</p>"
        for n in range(1, 31)
    ]
    return "".join(paragraphs)


def test_worker_learns_a_course_and_gets_a_verifiable_certificate(
    live_server, phone_page, chromium_browser, org_tree, ready_video, certificate_files
):  # type: ignore[no-untyped-def]
    pages = site_pages_build()
    catalogue = course_index_create(site_pages=pages)
    studio = StudioFactory(name="王建军数控加工创新工作室", organisation=org_tree["a1"])
    studio_page = studio_page_create(studio=studio, index=pages["studio_index"])
    course = course_create(studio_page=studio_page, title=COURSE_TITLE, trade="车工", credit_hours=Decimal("1.5"))
    video_lesson = lesson_create(course=course, kind=LessonKind.VIDEO, video=ready_video, title="开机前的安全检查")
    text_lesson = lesson_create(course=course, kind=LessonKind.TEXT, body=_long_text(), title="操作规程要点")
    learner = UserFactory(real_name=LEARNER_NAME, mobile="13912345601", organisation=org_tree["a1"])
    learner.set_password(PASSWORD)
    learner.save()

    page = phone_page
    base = live_server.url

    # log in with the mobile number, land in the catalogue, open the course
    log_in(page, base, username="13912345601", password=PASSWORD, landing=catalogue.url)
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name=COURSE_TITLE).click()
    page.wait_for_url(f"{base}{course.url}")
    assert page.get_by_role("heading", level=1).inner_text().strip() == COURSE_TITLE
    assert no_horizontal_scroll(page)

    # enrol: the button takes the learner to the first lesson
    page.get_by_role("button", name="报名学习").click()
    page.wait_for_url(f"{base}{video_lesson.url}")
    assert Enrollment.objects.filter(user=learner, course=course).exists()
    status = page.get_by_test_id("lesson-status")
    assert status.inner_text().strip() == "未开始"
    player = page.locator(f'video[data-video-uid="{ready_video.uid}"]')
    player.wait_for()
    assert no_horizontal_scroll(page)

    # play the whole clip in the page's player; heartbeat.js reports what was played
    page.wait_for_function("() => document.querySelector('video[data-video-uid]').readyState >= 1")
    page.evaluate("() => { const v = document.querySelector('video[data-video-uid]'); v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video[data-video-uid]').ended", timeout=60_000)
    page.get_by_test_id("lesson-status").filter(has_text="本课时已完成").wait_for(timeout=30_000)
    progress = LessonProgress.objects.get(user=learner, lesson=video_lesson)
    assert progress.is_completed
    assert progress.played_seconds >= 0.9 * ready_video.duration
    credited = PlaybackHeartbeat.objects.filter(user=learner, lesson=video_lesson, outcome=HeartbeatOutcome.CREDITED)
    assert credited.exists()  # real heartbeats, accepted under the server's rules
    assert Enrollment.objects.get(user=learner, course=course).completed_at is None  # one lesson to go

    # the next lesson is a long text: it completes once the reader has scrolled to its end
    page.get_by_role("link", name="操作规程要点").click()
    page.wait_for_url(f"{base}{text_lesson.url}")
    assert page.get_by_test_id("lesson-status").inner_text().strip() == "未开始"
    assert page.evaluate(END_BELOW_FOLD)  # the end of the text is not on screen yet
    assert no_horizontal_scroll(page)
    for _step in range(40):
        page.mouse.wheel(0, PHONE["height"] // 2)
        if not page.evaluate(END_BELOW_FOLD):
            break
    page.get_by_test_id("lesson-status").filter(has_text="本课时已完成").wait_for(timeout=30_000)

    # the course page shows both lessons done and the course completed with its credit hours
    page.get_by_role("navigation", name="位置").get_by_role("link", name=COURSE_TITLE).click()
    page.wait_for_url(f"{base}{course.url}")
    assert page.get_by_test_id("course-percent").inner_text().strip() == "100%"
    assert "已完成，获得 1.5 学时" in page.locator(".course-actions").inner_text()
    assert page.locator(".lesson-item.is-done").count() == 2
    enrollment = Enrollment.objects.get(user=learner, course=course)
    assert enrollment.is_completed and enrollment.hours_awarded == Decimal("1.5")

    # 我的学习 from the header: the course under 已完成, its certificate with a download link
    page.get_by_role("link", name="我的学习").first.click()
    page.wait_for_url(f"{base}/learning/")
    assert COURSE_TITLE in page.get_by_test_id("completed-list").inner_text()
    certificate = Certificate.objects.get(recipient=learner)
    assert certificate.issued_on == timezone.localdate(enrollment.completed_at)  # 郑州's day, not UTC's
    certificates = page.get_by_test_id("certificate-list")
    assert COURSE_TITLE in certificates.inner_text()
    assert no_horizontal_scroll(page)
    with page.expect_download() as download_info:
        certificates.get_by_role("link", name="下载 PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = "".join("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())
    assert LEARNER_NAME in text and COURSE_TITLE in text and certificate.display_code in text, text

    # anyone (no session) can check the code on the public verification page
    stranger = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    try:
        public = stranger.new_page()
        public.goto(f"{base}/certificates/verify/")
        public.get_by_label("证书编号").fill(certificate.display_code.lower())
        public.get_by_role("button", name="查验").click()
        public.wait_for_url(f"{base}/certificates/verify/{certificate.code}/")
        assert "证书真实有效" in public.get_by_test_id("verify-status").inner_text()
        assert public.get_by_test_id("masked-name").inner_text().strip() == "张*"
        assert COURSE_TITLE in public.content()
        assert no_horizontal_scroll(public)
    finally:
        stranger.close()
