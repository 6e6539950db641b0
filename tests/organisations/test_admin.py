"""The organisation tree in /django-admin/ (treebeard's TreeAdmin) for site admins."""

import pytest
from django.urls import reverse

from organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_tree_admin_lists_and_adds(client, people, org_tree):
    client.force_login(people["admin"], backend="accounts.backends.MobileOrUsernameBackend")
    response = client.get(reverse("admin:organisations_organisation_changelist"))
    assert response.status_code == 200
    assert "郑州煤矿机械集团" in response.content.decode()
    response = client.get(reverse("admin:organisations_organisation_add"))
    assert response.status_code == 200
    assert "_ref_node_id" in response.content.decode()
    response = client.post(
        reverse("admin:organisations_organisation_add"),
        {
            "name": "二七区某厂工会",
            "code": "erqi-x",
            "kind": OrganisationKind.GRASSROOTS,
            "_position": "sorted-child",
            "_ref_node_id": str(org_tree["b"].pk),
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(code="erqi-x").get_parent().pk == org_tree["b"].pk


def test_union_staff_have_no_django_admin(client, people):
    client.force_login(people["staff_a"], backend="accounts.backends.MobileOrUsernameBackend")
    response = client.get(reverse("admin:organisations_organisation_changelist"))
    assert response.status_code == 302
