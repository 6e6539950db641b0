"""organisations.services: nodes are added and moved through treebeard, inside the caller's subtree."""

import pytest
from django.core.exceptions import ValidationError

from organisations.models import Organisation, OrganisationKind
from organisations.services import organisation_create, organisation_update

pytestmark = pytest.mark.django_db


def fresh(node: Organisation) -> Organisation:
    """The fixture's nodes go stale when a sibling sorts in before them (node_order_by = name)."""
    return Organisation.objects.get(pk=node.pk)


def _names_in_tree_order() -> list[tuple[int, str]]:
    return [(o.depth, o.name) for o in Organisation.objects.order_by("path")]


def test_create_child_uses_add_child(org_tree):
    node = organisation_create(
        name="金水区某机械厂工会", code="jinshui-jx", kind=OrganisationKind.GRASSROOTS, parent=org_tree["a"]
    )
    assert node.get_parent().pk == org_tree["a"].pk
    assert node.depth == 3
    assert Organisation.objects.get(pk=org_tree["a"].pk).numchild == 2
    assert Organisation.find_problems() == ([], [], [], [], [])


def test_create_root_without_parent(db):
    node = organisation_create(
        name="开封市总工会", code="kf", kind=OrganisationKind.CITY_FEDERATION, parent=None
    )
    assert node.is_root()


def test_create_validates_fields_before_writing(org_tree):
    with pytest.raises(ValidationError) as exc:
        organisation_create(
            name="重复代码", code="jinshui", kind=OrganisationKind.DISTRICT, parent=org_tree["city"]
        )
    assert "code" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        organisation_create(name="", code="bad code!", kind="nonsense", parent=org_tree["city"])
    assert {"name", "code", "kind"} <= set(exc.value.message_dict)
    assert Organisation.objects.count() == 5


def test_staff_may_only_create_inside_their_subtree(org_tree, people):
    staff_a = people["staff_a"]
    node = organisation_create(
        name="煤机集团一分厂工会",
        code="zmj-1",
        kind=OrganisationKind.GRASSROOTS,
        parent=org_tree["a1"],
        user=staff_a,
    )
    assert node.path.startswith(fresh(org_tree["a"]).path)
    with pytest.raises(ValidationError) as exc:
        organisation_create(
            name="越权", code="x1", kind=OrganisationKind.GRASSROOTS, parent=org_tree["b"], user=staff_a
        )
    assert exc.value.message_dict["parent"] == ["所选上级组织不在您的管理范围内。"]
    with pytest.raises(ValidationError) as exc:
        organisation_create(
            name="顶级", code="x2", kind=OrganisationKind.CITY_FEDERATION, parent=None, user=staff_a
        )
    assert "parent" in exc.value.message_dict
    # the site admin may create top-level nodes
    assert organisation_create(
        name="洛阳市总工会",
        code="ly",
        kind=OrganisationKind.CITY_FEDERATION,
        parent=None,
        user=people["admin"],
    ).is_root()


def test_update_fields_keeps_place_and_resorts_siblings(org_tree):
    updated = organisation_update(organisation=org_tree["b"], name="二七区总工会（新）", short_name="二七")
    assert updated.short_name == "二七"
    assert updated.get_parent().pk == org_tree["city"].pk
    assert Organisation.find_problems() == ([], [], [], [], [])
    # renaming "金水区总工会" to sort after the others moves it behind its sibling, with its child
    organisation_update(organisation=org_tree["a"], name="龙子湖区总工会")
    order = _names_in_tree_order()
    assert order.index((2, "二七区总工会（新）")) < order.index((2, "龙子湖区总工会"))
    assert order.index((2, "龙子湖区总工会")) + 1 == order.index((3, "郑州煤矿机械集团"))


def test_update_moves_subtree_under_new_parent(org_tree):
    moved = organisation_update(organisation=org_tree["a1"], parent=org_tree["b"])
    assert moved.get_parent().pk == org_tree["b"].pk
    assert moved.path.startswith(fresh(org_tree["b"]).path)
    assert Organisation.objects.get(pk=org_tree["a"].pk).numchild == 0
    assert Organisation.objects.get(pk=org_tree["b"].pk).numchild == 2
    assert Organisation.find_problems() == ([], [], [], [], [])


def test_update_moves_to_top_level(org_tree):
    moved = organisation_update(organisation=org_tree["b"], parent=None)
    assert moved.is_root()
    assert Organisation.objects.get(pk=org_tree["b1"].pk).get_parent().pk == org_tree["b"].pk
    assert Organisation.find_problems() == ([], [], [], [], [])


def test_update_rename_of_a_root_node(org_tree):
    updated = organisation_update(organisation=org_tree["city"], name="郑州市总工会（改）")
    assert updated.is_root()
    assert updated.name == "郑州市总工会（改）"
    assert Organisation.objects.get(pk=org_tree["b1"].pk).get_ancestors().first().pk == org_tree["city"].pk


def test_update_refuses_move_below_itself(org_tree):
    with pytest.raises(ValidationError) as exc:
        organisation_update(organisation=org_tree["a"], parent=org_tree["a1"])
    assert exc.value.message_dict["parent"] == ["不能把组织移到它自己或它的下级组织之下。"]
    with pytest.raises(ValidationError):
        organisation_update(organisation=org_tree["a"], parent=org_tree["a"])
    assert Organisation.objects.get(pk=org_tree["a1"].pk).get_parent().pk == org_tree["a"].pk


def test_update_refuses_unknown_fields(org_tree):
    with pytest.raises(ValidationError):
        organisation_update(organisation=org_tree["a"], path="0001")


def test_staff_update_is_scoped(org_tree, people):
    staff_a = people["staff_a"]
    organisation_update(organisation=org_tree["a1"], short_name="郑煤机", user=staff_a)
    with pytest.raises(ValidationError):
        organisation_update(organisation=org_tree["b1"], short_name="越权", user=staff_a)
    with pytest.raises(ValidationError) as exc:  # moving into another district
        organisation_update(organisation=org_tree["a1"], parent=org_tree["b"], user=staff_a)
    assert "parent" in exc.value.message_dict
    with pytest.raises(ValidationError):  # moving their own top node out of their reach
        organisation_update(organisation=org_tree["a"], parent=org_tree["b"], user=staff_a)
    assert Organisation.objects.get(pk=org_tree["b1"].pk).short_name == ""
    assert Organisation.objects.get(pk=org_tree["a1"].pk).get_parent().pk == org_tree["a"].pk
