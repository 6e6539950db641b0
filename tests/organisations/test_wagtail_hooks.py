"""The organisation tree in the Wagtail admin: tree listing, scoping by subtree, create/move via services."""

import pytest
from django.urls import reverse

from organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db

BACKEND = "accounts.backends.MobileOrUsernameBackend"
INDEX_URL = reverse("organisations:index")
ADD_URL = reverse("organisations:add")


def edit_url(node: Organisation) -> str:
    return reverse("organisations:edit", args=[node.pk])


def as_user(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend=BACKEND)
    return client


def _form(parent, **changes):  # type: ignore[no-untyped-def]
    data = {
        "parent": str(parent.pk) if parent else "",
        "name": "金水区某机械厂工会",
        "short_name": "机械厂工会",
        "code": "jinshui-jx",
        "kind": OrganisationKind.GRASSROOTS,
        "address": "郑州市金水区",
        "contact_phone": "0371-12345678",
    }
    data.update(changes)
    return data


def _edit_form(node: Organisation, **changes):  # type: ignore[no-untyped-def]
    parent = node.get_parent()
    data = {
        "parent": str(parent.pk) if parent else "",
        "name": node.name,
        "short_name": node.short_name,
        "code": node.code,
        "kind": node.kind,
        "address": node.address,
        "contact_phone": node.contact_phone,
    }
    data.update(changes)
    return data


def test_staff_listing_shows_only_their_subtree_indented(client, people):
    response = as_user(client, people["staff_a"]).get(INDEX_URL)
    assert response.status_code == 200
    assert [o.code for o in response.context["object_list"]] == ["jinshui", "zmj"]
    html = response.content.decode()
    assert "\u3000└ 金水区总工会" in html
    assert "\u3000\u3000└ 郑州煤矿机械集团" in html
    for other in ("二七区总工会", "郑州宇通客车", "郑州市总工会"):
        assert other not in html.split('id="listing-results"')[-1]


def test_admin_listing_shows_the_whole_tree_in_path_order(client, people):
    response = as_user(client, people["admin"]).get(INDEX_URL)
    codes = [o.code for o in response.context["object_list"]]
    assert codes == list(Organisation.objects.order_by("path").values_list("code", flat=True))
    assert len(codes) == 5


def test_search_is_scoped(client, people):
    response = as_user(client, people["staff_a"]).get(INDEX_URL, {"q": "郑州"})
    assert [o.code for o in response.context["object_list"]] == ["zmj"]


def test_staff_cannot_open_nodes_of_another_district(client, people, org_tree):
    client = as_user(client, people["staff_a"])
    for node in (org_tree["b"], org_tree["b1"], org_tree["city"]):
        assert client.get(edit_url(node)).status_code == 404
        assert client.post(edit_url(node), _edit_form(node, short_name="越权")).status_code == 404
        assert client.get(reverse("organisations:history", args=[node.pk])).status_code == 404
    assert Organisation.objects.get(pk=org_tree["b1"].pk).short_name == ""
    assert client.get(edit_url(org_tree["a1"])).status_code == 200


def test_workers_have_no_organisation_admin(client, people):
    response = as_user(client, people["worker_a"]).get(INDEX_URL)
    assert response.status_code in (302, 403)


def test_parent_choices_are_the_staff_subtree(client, people):
    form = as_user(client, people["staff_a"]).get(ADD_URL).context["form"]
    assert [o.code for o in form.fields["parent"].queryset] == ["jinshui", "zmj"]
    assert form.fields["parent"].required
    assert "上级组织" in str(form.fields["parent"].label)


def test_staff_creates_child_in_subtree(client, people, org_tree):
    response = as_user(client, people["staff_a"]).post(ADD_URL, _form(org_tree["a"]))
    assert response.status_code == 302, response.context["form"].errors
    node = Organisation.objects.get(code="jinshui-jx")
    assert node.get_parent().pk == org_tree["a"].pk
    assert node.contact_phone == "0371-12345678"
    assert Organisation.find_problems() == ([], [], [], [], [])


@pytest.mark.parametrize("parent_key", ["b", "city", "unknown", "none"])
def test_staff_parent_outside_subtree_or_unknown_is_a_form_error(client, people, org_tree, parent_key):
    special = {"unknown": "999999", "none": ""}
    parent = special[parent_key] if parent_key in special else str(org_tree[parent_key].pk)
    response = as_user(client, people["staff_a"]).post(ADD_URL, {**_form(None), "parent": parent})
    assert response.status_code == 200
    errors = response.context["form"].errors["parent"]
    expected = (
        "请选择上级组织。" if parent_key == "none" else "所选上级组织不存在或不在您的管理范围内，请重新选择。"
    )
    assert errors == [expected]
    assert not Organisation.objects.filter(code="jinshui-jx").exists()


def test_field_errors_in_chinese(client, people, org_tree):
    response = as_user(client, people["staff_a"]).post(ADD_URL, _form(org_tree["a"], code="jinshui", name=""))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["code"] == ["该代码已被其他组织使用。"]
    assert "name" in errors


def test_admin_creates_root(client, people):
    response = as_user(client, people["admin"]).post(
        ADD_URL, _form(None, name="开封市总工会", code="kf", kind=OrganisationKind.CITY_FEDERATION)
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Organisation.objects.get(code="kf").is_root()


def test_staff_moves_node_within_subtree(client, people, org_tree):
    leaf = Organisation.objects.get(pk=org_tree["a1"].pk).add_child(
        name="一分厂", code="zmj-1", kind=OrganisationKind.GRASSROOTS
    )
    client = as_user(client, people["staff_a"])
    form = client.get(edit_url(leaf)).context["form"]
    assert [o.code for o in form.fields["parent"].queryset] == ["jinshui", "zmj"]
    response = client.post(edit_url(leaf), _edit_form(leaf, parent=str(org_tree["a"].pk), short_name="一厂"))
    assert response.status_code == 302, response.context["form"].errors
    leaf = Organisation.objects.get(pk=leaf.pk)
    assert leaf.get_parent().pk == org_tree["a"].pk
    assert leaf.short_name == "一厂"
    # moving it out of the subtree is refused
    response = client.post(edit_url(leaf), _edit_form(leaf, parent=str(org_tree["b"].pk)))
    assert response.status_code == 200
    assert Organisation.objects.get(pk=leaf.pk).get_parent().pk == org_tree["a"].pk


def test_node_cannot_be_moved_below_itself(client, people, org_tree):
    client = as_user(client, people["admin"])
    form = client.get(edit_url(org_tree["a"])).context["form"]
    assert "zmj" not in [o.code for o in form.fields["parent"].queryset]
    assert "jinshui" not in [o.code for o in form.fields["parent"].queryset]
    response = client.post(edit_url(org_tree["a"]), _edit_form(org_tree["a"], parent=str(org_tree["a1"].pk)))
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


def test_staff_edits_their_own_top_node_without_moving_it(client, people, org_tree):
    client = as_user(client, people["staff_a"])
    response = client.get(edit_url(org_tree["a"]))
    assert "parent" not in response.context["form"].fields
    data = _edit_form(org_tree["a"], short_name="金水", parent=str(org_tree["b"].pk))
    response = client.post(edit_url(org_tree["a"]), data)
    assert response.status_code == 302, response.context["form"].errors
    node = Organisation.objects.get(pk=org_tree["a"].pk)
    assert node.short_name == "金水"
    assert node.get_parent().pk == org_tree["city"].pk


def test_nobody_deletes_in_wagtail(client, people, org_tree):
    for name in ("admin", "staff_a"):
        response = as_user(client, people[name]).post(
            reverse("organisations:delete", args=[org_tree["a1"].pk])
        )
        assert response.status_code in (302, 403)
        assert Organisation.objects.filter(pk=org_tree["a1"].pk).exists()


def test_menu_item_for_staff(client, people):
    html = as_user(client, people["staff_a"]).get(reverse("wagtailadmin_home")).content.decode()
    assert INDEX_URL in html
