"""The Wagtail user admin: project fields, roles through the services, staff scoped to their subtree."""

import pytest
from django.urls import reverse

from accounts.models import Role, User
from accounts.roles import MASTER_GROUP, UNION_STAFF_GROUP
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

BACKEND = "accounts.backends.MobileOrUsernameBackend"
INDEX_URL = reverse("wagtailusers_users:index")
ADD_URL = reverse("wagtailusers_users:add")


def edit_url(user: User) -> str:
    return reverse("wagtailusers_users:edit", args=[user.pk])


def as_user(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend=BACKEND)
    return client


def _new_user(org, **changes):  # type: ignore[no-untyped-def]
    data = {
        "username": "newworker",
        "email": "",
        "real_name": "赵六",
        "mobile": "13611112222",
        "employee_number": "A-007",
        "employer": "郑州煤矿机械集团",
        "trade": "钳工",
        "skill_level": "4",
        "organisation": str(org.pk) if org else "",
        "role": Role.WORKER,
        "password1": "Kaishi-Mima-2026",
        "password2": "Kaishi-Mima-2026",
    }
    data.update(changes)
    return data


def _edit_data(user: User, **changes):  # type: ignore[no-untyped-def]
    data = {
        "username": user.username,
        "email": user.email,
        "real_name": user.real_name,
        "mobile": user.mobile or "",
        "employee_number": user.employee_number,
        "employer": user.employer,
        "trade": user.trade,
        "skill_level": user.skill_level,
        "organisation": str(user.organisation_id or ""),
        "role": user.role,
        "is_active": "on",
        "password1": "",
        "password2": "",
    }
    data.update(changes)
    return data


def test_staff_listing_is_scoped_to_their_subtree(client, people):
    response = as_user(client, people["staff_a"]).get(INDEX_URL)
    assert response.status_code == 200
    listed = {u.username for u in response.context["object_list"]}
    assert {"workera", "mastera", "staffa"} <= listed
    assert not listed & {"masterb", "staffb", "citystaff", "admin1"}
    html = response.content.decode()
    assert "mastera" in html and "masterb" not in html


def test_staff_search_stays_in_scope(client, people):
    response = as_user(client, people["staff_a"]).get(INDEX_URL, {"q": "master"})
    assert {u.username for u in response.context["object_list"]} == {"mastera"}


def test_city_staff_and_admin_see_more(client, people):
    listed = {u.username for u in as_user(client, people["city_staff"]).get(INDEX_URL).context["object_list"]}
    assert {"workera", "mastera", "masterb", "staffa", "staffb"} <= listed
    assert "admin1" not in listed
    listed = {u.username for u in as_user(client, people["admin"]).get(INDEX_URL).context["object_list"]}
    assert {"admin1", "masterb", "workera"} <= listed


def test_staff_cannot_open_users_outside_their_subtree(client, people):
    client = as_user(client, people["staff_a"])
    for target in (people["master_b"], people["admin"], people["city_staff"]):
        assert client.get(edit_url(target)).status_code == 404
        assert client.post(edit_url(target), _edit_data(target, real_name="被改")).status_code == 404
        assert client.get(reverse("wagtailusers_users:history", args=[target.pk])).status_code == 404
        assert client.get(reverse("wagtailusers_users:delete", args=[target.pk])).status_code in (403, 404)
    assert User.objects.get(pk=people["master_b"].pk).real_name != "被改"
    assert client.get(edit_url(people["worker_a"])).status_code == 200


def test_staff_cannot_delete_even_in_scope(client, people):
    client = as_user(client, people["staff_a"])
    response = client.post(reverse("wagtailusers_users:delete", args=[people["worker_a"].pk]))
    assert response.status_code in (
        302,
        403,
    )  # Wagtail turns PermissionDenied into "no permission" + redirect
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    assert User.objects.filter(pk=people["worker_a"].pk).exists()


def test_workers_and_masters_have_no_user_admin(client, people):
    for name in ("worker_a", "master_a"):
        response = as_user(client, people[name]).get(INDEX_URL)
        assert response.status_code in (302, 403)


def test_create_form_offers_scoped_organisations_and_no_admin_role(client, people):
    response = as_user(client, people["staff_a"]).get(ADD_URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert {o.code for o in form.fields["organisation"].queryset} == {"jinshui", "zmj"}
    assert Role.ADMIN not in dict(form.fields["role"].choices)
    assert "groups" not in form.fields
    assert "first_name" not in form.fields and "is_superuser" not in form.fields
    html = response.content.decode()
    for name in (
        "real_name",
        "mobile",
        "employee_number",
        "employer",
        "trade",
        "skill_level",
        "organisation",
        "role",
    ):
        assert f'name="{name}"' in html


def test_staff_creates_user_through_service(client, people, org_tree):
    response = as_user(client, people["staff_a"]).post(ADD_URL, _new_user(org_tree["a1"], role=Role.MASTER))
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(username="newworker")
    assert (user.real_name, user.mobile, user.employee_number, user.role) == (
        "赵六",
        "13611112222",
        "A-007",
        "master",
    )
    assert user.organisation_id == org_tree["a1"].pk
    assert user.check_password("Kaishi-Mima-2026")
    assert list(user.groups.values_list("name", flat=True)) == [MASTER_GROUP]
    assert not user.is_superuser


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"role": Role.ADMIN}, "role", "您不能授予该角色，请重新选择。"),
        ({"organisation": "b1"}, "organisation", "所选组织不存在或不在您的管理范围内。"),
        ({"organisation": "999999"}, "organisation", "所选组织不存在或不在您的管理范围内。"),
        ({"organisation": ""}, "organisation", "请选择所属组织。"),
        ({"mobile": "13800"}, "mobile", "请输入有效的 11 位中国大陆手机号码"),
        ({"real_name": ""}, "real_name", "请填写姓名。"),
    ],
)
def test_staff_create_refusals(client, people, org_tree, changes, field, message):
    if changes.get("organisation") == "b1":
        changes = {"organisation": str(org_tree["b1"].pk)}
    response = as_user(client, people["staff_a"]).post(ADD_URL, _new_user(org_tree["a1"], **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in e for e in errors[field]), errors
    assert not User.objects.filter(username="newworker").exists()


def test_duplicate_employee_number_in_same_organisation(client, people, org_tree):
    UserFactory(organisation=org_tree["a1"], employee_number="A-007")
    response = as_user(client, people["staff_a"]).post(ADD_URL, _new_user(org_tree["a1"]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["employee_number"] == ["该组织内已存在相同工号的用户。"]
    assert not form.non_field_errors()
    # the same 工号 in another organisation is fine
    response = client.post(ADD_URL, _new_user(org_tree["a"]))
    assert response.status_code == 302


def test_duplicate_mobile(client, people, org_tree):
    response = as_user(client, people["staff_a"]).post(
        ADD_URL, _new_user(org_tree["a1"], mobile=people["master_b"].mobile)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["mobile"] == ["该手机号已被注册。"]


def test_staff_changes_role_through_service(client, people):
    worker = people["worker_a"]
    client = as_user(client, people["staff_a"])
    response = client.post(edit_url(worker), _edit_data(worker, role=Role.UNION_STAFF, trade="电工"))
    assert response.status_code == 302, response.context["form"].errors
    worker.refresh_from_db()
    assert worker.role == Role.UNION_STAFF
    assert worker.trade == "电工"
    assert list(worker.groups.values_list("name", flat=True)) == [UNION_STAFF_GROUP]
    assert not worker.is_superuser
    response = client.post(edit_url(worker), _edit_data(worker, role=Role.WORKER))
    worker.refresh_from_db()
    assert worker.role == Role.WORKER
    assert not worker.groups.exists()


def test_staff_cannot_promote_to_admin_or_move_out_of_scope(client, people, org_tree):
    worker = people["worker_a"]
    client = as_user(client, people["staff_a"])
    response = client.post(edit_url(worker), _edit_data(worker, role=Role.ADMIN))
    assert response.status_code == 200
    response = client.post(edit_url(worker), _edit_data(worker, organisation=str(org_tree["b1"].pk)))
    assert response.status_code == 200
    worker.refresh_from_db()
    assert worker.role == Role.WORKER
    assert worker.organisation_id == org_tree["a1"].pk
    assert not worker.is_superuser


def test_staff_editing_self_cannot_change_role_or_organisation(client, people, org_tree):
    staff = people["staff_a"]
    client = as_user(client, staff)
    response = client.get(edit_url(staff))
    assert response.context["form"].fields["role"].disabled
    response = client.post(
        edit_url(staff),
        _edit_data(staff, role=Role.WORKER, organisation=str(org_tree["a1"].pk), real_name="新名字"),
    )
    assert response.status_code == 302, response.context["form"].errors
    staff.refresh_from_db()
    assert (staff.role, staff.organisation_id, staff.real_name) == (
        Role.UNION_STAFF,
        org_tree["a"].pk,
        "新名字",
    )
    assert staff.groups.filter(name=UNION_STAFF_GROUP).exists()


def test_admin_grants_admin_role_and_extra_groups(client, people, org_tree):
    from django.contrib.auth.models import Group

    reviewers = Group.objects.create(name="课程审核")
    client = as_user(client, people["admin"])
    form = client.get(ADD_URL).context["form"]
    assert Role.ADMIN in dict(form.fields["role"].choices)
    assert UNION_STAFF_GROUP not in {g.name for g in form.fields["groups"].queryset}
    response = client.post(ADD_URL, _new_user(org_tree["city"], role=Role.ADMIN, groups=[str(reviewers.pk)]))
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(username="newworker")
    assert user.is_superuser and user.is_staff and user.role == Role.ADMIN
    assert list(user.groups.values_list("name", flat=True)) == ["课程审核"]
    # editing keeps the role group even though the groups box never lists it
    master = people["master_b"]
    response = client.post(edit_url(master), {**_edit_data(master), "groups": [str(reviewers.pk)]})
    assert response.status_code == 302, response.context["form"].errors
    assert set(master.groups.values_list("name", flat=True)) == {MASTER_GROUP, "课程审核"}


def test_admin_may_leave_organisation_empty(client, people):
    response = as_user(client, people["admin"]).post(
        ADD_URL, _new_user(None, organisation="", employee_number="")
    )
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(
        ADD_URL, _new_user(None, username="st2", mobile="13611113333", organisation="", role=Role.UNION_STAFF)
    )
    assert response.status_code == 200
    assert "工会干部必须指定所属组织。" in response.context["form"].errors["organisation"]


def test_users_menu_is_shown_to_staff(client, people):
    html = as_user(client, people["staff_a"]).get(reverse("wagtailadmin_home")).content.decode()
    assert INDEX_URL in html
