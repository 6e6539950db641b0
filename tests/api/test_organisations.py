"""/api/v1/organisations/: the public tree, its filters, and the subtree a staff member manages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from organisations.models import Organisation

pytestmark = pytest.mark.django_db

LIST = reverse("v1:organisation-list")
MANAGED = reverse("v1:organisation-managed")


def _client(user) -> APIClient:  # type: ignore[no-untyped-def]
    """Signed in as ``user`` as loaded by a real request (the fixture's copies hold stale tree paths)."""
    api = APIClient()
    api.force_authenticate(User.objects.get(pk=user.pk))
    return api


def _codes(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["results"]]


def test_anonymous_gets_401(org_tree):
    assert APIClient().get(LIST).status_code == 401


def _tree_order(*codes: str) -> list[str]:
    return list(Organisation.objects.filter(code__in=codes).order_by("path").values_list("code", flat=True))


def test_any_signed_in_user_reads_the_whole_tree_in_tree_order(people):
    codes = _codes(_client(people["worker_a"]).get(LIST))
    assert codes == _tree_order("zz", "jinshui", "zmj", "erqi", "yutong")
    assert codes[0] == "zz"
    assert codes.index("jinshui") + 1 == codes.index("zmj")  # a subtree follows its root
    assert codes.index("erqi") + 1 == codes.index("yutong")


def test_each_node_carries_depth_parent_and_ancestors(people):
    results = {item["code"]: item for item in _client(people["worker_a"]).get(LIST).json()["results"]}
    root, a1 = results["zz"], results["zmj"]
    assert (root["depth"], root["parent"], root["ancestors"]) == (1, None, [])
    assert root["children_count"] == 2
    assert a1["depth"] == 3
    assert a1["parent"] == "jinshui"
    assert [a["code"] for a in a1["ancestors"]] == ["zz", "jinshui"]
    assert a1["kind"] == "enterprise"
    assert a1["kind_display"] == "企业"


def test_the_list_loads_ancestors_in_one_query(people, django_assert_max_num_queries):
    api = _client(people["worker_a"])
    with django_assert_max_num_queries(3):  # count, page, ancestors
        api.get(LIST)


def test_filter_by_kind_parent_and_name(people):
    api = _client(people["worker_a"])
    assert _codes(api.get(LIST, {"kind": "enterprise"})) == _tree_order("yutong", "zmj")
    assert _codes(api.get(LIST, {"parent": "zz"})) == _tree_order("erqi", "jinshui")
    assert _codes(api.get(LIST, {"parent": "jinshui", "kind": "enterprise"})) == ["zmj"]
    assert _codes(api.get(LIST, {"q": "宇通"})) == ["yutong"]


def test_bad_filters_are_400_in_chinese(people):
    api = _client(people["worker_a"])
    response = api.get(LIST, {"parent": "nowhere"})
    assert response.status_code == 400
    assert response.json() == {"parent": ["组织代码“nowhere”不存在。"]}
    response = api.get(LIST, {"kind": "planet"})
    assert response.status_code == 400
    assert "planet" in response.json()["kind"][0]


def test_detail_and_children_by_code(people):
    api = _client(people["master_b"])
    detail = api.get(reverse("v1:organisation-detail", args=["jinshui"]))
    assert detail.status_code == 200
    assert detail.json()["name"] == "金水区总工会"
    assert [a["code"] for a in detail.json()["ancestors"]] == ["zz"]
    assert _codes(api.get(reverse("v1:organisation-children", args=["zz"]))) == _tree_order("erqi", "jinshui")
    assert _codes(api.get(reverse("v1:organisation-children", args=["zmj"]))) == []


def test_unknown_code_is_404_in_chinese(people):
    response = _client(people["worker_a"]).get(reverse("v1:organisation-detail", args=["nowhere"]))
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_managed_is_the_staff_members_subtree(people):
    assert _codes(_client(people["staff_a"]).get(MANAGED)) == ["jinshui", "zmj"]  # not district B
    assert _codes(_client(people["staff_b"]).get(MANAGED)) == ["erqi", "yutong"]
    everything = _tree_order("zz", "jinshui", "zmj", "erqi", "yutong")
    assert _codes(_client(people["city_staff"]).get(MANAGED)) == everything
    assert _codes(_client(people["admin"]).get(MANAGED)) == everything


@pytest.mark.parametrize("who", ["worker_a", "master_a"])
def test_managed_is_empty_for_workers_and_masters(people, who):
    response = _client(people[who]).get(MANAGED)
    assert _codes(response) == []
    assert response.json()["count"] == 0
