import pytest

from tests.accounts.factories import UnionStaffFactory, UserFactory
from tests.learning.factories import course_create
from tests.organisations.factories import OrganisationFactory


@pytest.fixture
def org_tree(org_tree):  # type: ignore[no-untyped-def]
    """The shared tree (市总 → 金水区 → 郑煤机, 二七区 → 宇通) plus a second enterprise in 金水区,
    re-read: treebeard renumbers siblings (ordered by name) as they are added."""
    org_tree["a2"] = OrganisationFactory(name="金水区第二企业", code="a2", kind="enterprise", parent=org_tree["a"])
    for node in org_tree.values():
        node.refresh_from_db()
    return org_tree


@pytest.fixture
def people(people, org_tree):  # type: ignore[no-untyped-def]
    from accounts.models import User

    people["staff_a1"] = UnionStaffFactory(username="staffa1", organisation=org_tree["a1"])  # grassroots staff
    return {key: User.objects.select_related("organisation").get(pk=user.pk) for key, user in people.items()}


@pytest.fixture
def course2(studio_page):  # type: ignore[no-untyped-def]
    return course_create(studio_page=studio_page, title="电工基础")


@pytest.fixture
def learners(org_tree):  # type: ignore[no-untyped-def]
    """Two workers in 郑煤机 (a1), one in 金水区第二企业 (a2), one in 宇通 (b1)."""
    return {
        "a1_x": UserFactory(real_name="甲一", employee_number="ZMJ-001", mobile="13800000001", organisation=org_tree["a1"]),
        "a1_y": UserFactory(real_name="甲二", employee_number="ZMJ-002", mobile="13800000002", organisation=org_tree["a1"]),
        "a2_z": UserFactory(real_name="乙一", employee_number="A2-001", mobile="13800000003", organisation=org_tree["a2"]),
        "b1_w": UserFactory(real_name="丙一", employee_number="YT-001", mobile="13800000004", organisation=org_tree["b1"]),
    }
