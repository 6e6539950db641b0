"""A district staff member reads the reports on a 360 px phone: charts drawn, tables scroll inside their
box (the page itself never scrolls sideways), drill-down into a unit, search a learner."""

from __future__ import annotations

import os

import pytest

from tests.accounts.factories import UnionStaffFactory
from tests.playwright_browser import log_in, no_horizontal_scroll

from .scenario import year_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gongjiang@2026"


def test_district_staff_read_the_reports_on_a_phone(live_server, phone_page, org_tree, learners, course, course2):  # type: ignore[no-untyped-def]
    year_scenario(learners=learners, course=course, course2=course2)
    staff = UnionStaffFactory(real_name="王丽娟", mobile="13900000009", organisation=org_tree["a"])
    staff.set_password(PASSWORD)
    staff.save()

    page = phone_page
    log_in(page, live_server.url, username="13900000009", password=PASSWORD)

    page.get_by_role("link", name="学习报表").click()
    page.wait_for_url(f"{live_server.url}/reports/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "学习报表"
    page.locator(".chart[data-chart='rate'] svg").wait_for()  # ECharts drew the chart
    assert page.locator(".chart[data-chart='rate']").get_attribute("role") == "img"
    assert page.get_by_role("table").get_by_text("郑州煤矿机械集团").is_visible()
    assert no_horizontal_scroll(page)
    if os.environ.get("REPORTING_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["REPORTING_SCREENSHOTS"], "overview.png"), full_page=True)

    page.get_by_role("link", name="学员", exact=True).click()
    page.get_by_label("姓名 / 工号 / 手机号").fill("ZMJ-002")
    page.get_by_role("button", name="查询").click()
    page.get_by_role("row").filter(has_text="甲二").wait_for()
    assert page.get_by_role("row").filter(has_text="甲一").count() == 0
    assert no_horizontal_scroll(page)
    if os.environ.get("REPORTING_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["REPORTING_SCREENSHOTS"], "learners.png"), full_page=True)
    page.get_by_role("link", name="甲二").click()
    page.get_by_test_id("person-name").wait_for()
    assert page.get_by_test_id("ledger-audit-link").is_visible()
    assert no_horizontal_scroll(page)
