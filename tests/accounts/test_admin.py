"""Users in /django-admin/ for site admins: role changes keep groups and flags in step."""

import pytest
from django.urls import reverse

from accounts.models import Role, User
from accounts.roles import MASTER_GROUP, UNION_STAFF_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"], backend="accounts.backends.MobileOrUsernameBackend")
    return client


def test_changelist_and_search(admin_client, people):
    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"q": people["master_b"].mobile})
    assert response.status_code == 200
    assert "masterb" in response.content.decode()


def test_add_user_gets_role_group(admin_client, org_tree):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newmaster",
            "real_name": "新工匠",
            "mobile": "13655556666",
            "organisation": str(org_tree["a1"].pk),
            "role": Role.MASTER,
            "usable_password": "true",
            "password1": "Gongjiang#2026",
            "password2": "Gongjiang#2026",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="newmaster")
    assert list(user.groups.values_list("name", flat=True)) == [MASTER_GROUP]


def test_role_change_goes_through_service(admin_client, people):
    worker = people["worker_a"]
    url = reverse("admin:accounts_user_change", args=[worker.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in ("groups", "user_permissions")
    }
    data.update(
        {
            "role": Role.UNION_STAFF,
            "organisation": str(worker.organisation_id),
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "is_active": "on",
            "avatar": "",
        }
    )
    data = {k: v for k, v in data.items() if not isinstance(v, bool) or v}
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    worker.refresh_from_db()
    assert worker.role == Role.UNION_STAFF
    assert list(worker.groups.values_list("name", flat=True)) == [UNION_STAFF_GROUP]
