"""The pages render in Chinese (the source language) and in English, with their charts' assets served by
the site and an accessible alternative for every chart."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from .scenario import year_scenario

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script src="([^"]+)"')


@pytest.fixture
def scenario(learners, course, course2):  # type: ignore[no-untyped-def]
    year_scenario(learners=learners, course=course, course2=course2)


def test_overview_in_chinese_with_chart_data_and_table(client, people, scenario):  # type: ignore[no-untyped-def]
    client.force_login(people["staff_a"])
    response = client.get(reverse("reporting:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("学习报表", "学习概况", "必修课", "学员", "各单位明细", "完成率", "学时", "导出 Excel", "指标说明"):
        assert text in html, text
    assert '<html lang="zh-CN">' in html
    # every chart is an image with a description pointing at the table with the same figures
    charts = re.findall(r'<div class="chart"[^>]*>', html)
    assert len(charts) == 2 and all('role="img"' in c and "aria-label=" in c for c in charts)
    data = json.loads(re.search(r'<script id="overview-chart-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert data["labels"][:2] == ["郑州煤矿机械集团", "金水区第二企业"] and data["rates"][0] == 50.0
    assets = SCRIPT.findall(html)
    assert "/static/vendor/echarts/echarts.common.min.js" in assets
    for url in ("/static/vendor/echarts/echarts.common.min.js", "/static/reporting/charts.js"):
        assert url in assets and finders.find(url.removeprefix("/static/")), url
    assert "cdn" not in html.lower()


@pytest.mark.parametrize(("name", "text"), [("reporting:required", "截止日期在"), ("reporting:learners", "所属单位")])
def test_other_pages_render_in_chinese(client, people, scenario, name, text):  # type: ignore[no-untyped-def]
    client.force_login(people["city_staff"])
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "学习报表" in html and text in html


def test_pages_are_translated_to_english(client, people, scenario):  # type: ignore[no-untyped-def]
    client.force_login(people["staff_a"])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("reporting:overview"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Learning reports" in html and "Completion rate" in html and "学习概况" not in html
    bad = client.get(reverse("reporting:learners"), {"start": "2026-13-01"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and "The start date is not valid" in bad.content.decode()
