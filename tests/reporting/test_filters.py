"""Bad filter input gets a Chinese message and a 4xx, never a 500 — on the pages, exports and the API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

BAD = [
    ({"start": "2026-13-45"}, 400, "开始日期无效，请按 2026-01-31 的格式填写。"),
    ({"end": "明天"}, 400, "结束日期无效，请按 2026-12-31 的格式填写。"),
    ({"start": "2026-06-01", "end": "2026-05-01"}, 400, "结束日期不能早于开始日期。"),
    ({"unit": "abc"}, 400, "所选单位无效。"),
    ({"unit": "-3"}, 400, "所选单位无效。"),
    ({"unit": "987654"}, 404, "所选单位不存在，或不在您的管辖范围内。"),
    ({"course": "x1"}, 400, "所选课程无效。"),
    ({"course": "987654"}, 400, "所选课程不存在或尚未发布。"),
    ({"q": "长" * 61}, 400, "搜索词不能超过 60 个字。"),
]


@pytest.mark.parametrize(("params", "status", "message"), BAD)
def test_pages_show_the_chinese_message(client, people, params, status, message):  # type: ignore[no-untyped-def]
    client.force_login(people["staff_a"])
    for name in ("reporting:overview", "reporting:required", "reporting:learners", "reporting:learners_xlsx"):
        response = client.get(reverse(name), params)
        assert response.status_code == status, (name, params)
        html = response.content.decode()
        assert message in html and 'data-testid="filter-errors"' in html


@pytest.mark.parametrize(("params", "status", "message"), BAD)
def test_api_answers_with_the_chinese_message(people, params, status, message):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(people["staff_a"])
    for name in ("v1:reports-overview", "v1:reports-learners"):
        response = api.get(reverse(name), params)
        assert response.status_code == status, (name, params)
        assert message in str(response.json())


def test_defaults_are_this_calendar_year_in_beijing_time(client, people):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    client.force_login(people["staff_a"])
    filters = client.get(reverse("reporting:overview")).context["filters"]
    year = timezone.localdate().year
    assert (filters.start.isoformat(), filters.end.isoformat()) == (f"{year}-01-01", f"{year}-12-31")
    api = APIClient()
    api.force_authenticate(people["staff_a"])
    assert api.get(reverse("v1:reports-overview")).json()["period"] == {"start": f"{year}-01-01", "end": f"{year}-12-31"}
