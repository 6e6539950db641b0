"""A worker logs in on a 360 px phone with the mobile number and opens a studio's page."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.cms.pages import site_pages_build, studio_page_create
from tests.playwright_browser import no_horizontal_scroll
from tests.studios.factories import StudioFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gongjiang@2026"


def test_worker_logs_in_by_mobile_at_360px_and_opens_a_studio_page(live_server, phone_page, org_tree):
    pages = site_pages_build()
    studio = StudioFactory(name="王建军数控加工创新工作室", organisation=org_tree["a1"], profile="专注数控加工工艺革新。")
    studio_page_create(studio=studio, index=pages["studio_index"], intro="数控加工工艺革新与技能传承。")
    worker = UserFactory(real_name="张伟", mobile="13912345678", organisation=org_tree["a1"])
    worker.set_password(PASSWORD)
    worker.save()

    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/?next=/studios/")
    assert (page.locator("html").get_attribute("lang") or "").startswith("zh")
    assert no_horizontal_scroll(page)

    page.get_by_label("手机号或用户名").fill("13912345678")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.wait_for_url(f"{live_server.url}/studios/")
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name="王建军数控加工创新工作室").first.click()

    page.wait_for_url(f"{live_server.url}/studios/{studio.slug}/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "王建军数控加工创新工作室"
    assert "数控加工工艺革新与技能传承" in page.content()
    assert no_horizontal_scroll(page)
    # logged in: the header offers the way out, not the way in
    assert page.get_by_role("link", name="登录").count() == 0


def test_wrong_password_shows_a_chinese_error_and_stays_on_the_form(live_server, phone_page, org_tree):
    worker = UserFactory(mobile="13912345679", organisation=org_tree["a1"])
    worker.set_password(PASSWORD)
    worker.save()

    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("手机号或用户名").fill("13912345679")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()

    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
    assert page.get_by_role("alert").count() >= 1
    assert no_horizontal_scroll(page)
