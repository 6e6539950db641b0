"""A studio's lead and members edit that studio's page in the Wagtail admin, and nothing else.

Exercised through the real admin views with the Django test client.
"""

from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from cms.models import StudioPage
from studios.services import studio_members_set, studio_update
from tests.accounts.factories import MasterFactory, UserFactory
from tests.cms.pages import studio_page_create
from tests.studios.factories import StudioFactory

pytestmark = pytest.mark.django_db


def edit_url(page: Page) -> str:
    return f"/admin/pages/{page.id}/edit/"


@pytest.fixture
def two_studios(site_pages, org_tree):  # type: ignore[no-untyped-def]
    index = site_pages["studio_index"]
    apprentice = UserFactory(organisation=org_tree["a1"], real_name="学徒甲")
    studio_a = StudioFactory(organisation=org_tree["a1"], name="甲工作室", slug="studio-a", members=[apprentice])
    studio_b = StudioFactory(organisation=org_tree["b1"], name="乙工作室", slug="studio-b")
    return {
        "a": studio_a,
        "b": studio_b,
        "page_a": studio_page_create(studio=studio_a, index=index),
        "page_b": studio_page_create(studio=studio_b, index=index),
        "apprentice": apprentice,
    }


def edit_form_data(html: str):  # type: ignore[no-untyped-def]
    """The edit form as the browser would post it; the StreamField is built by JS, so add it empty."""
    data = querydict_from_html(html, form_id="page-edit-form")
    for key, value in nested_form_data({"body": streamfield([])}).items():
        data[key] = value
    return data


def can_open_editor(client, user, page) -> bool:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(edit_url(page))
    client.logout()
    assert response.status_code in (200, 302, 403), response.status_code
    if response.status_code == 200:
        return True
    assert response.status_code == 403 or not response["Location"].startswith(edit_url(page))
    return False


def test_lead_and_members_edit_their_own_studio_page(client, two_studios):
    assert can_open_editor(client, two_studios["a"].lead, two_studios["page_a"])
    assert can_open_editor(client, two_studios["apprentice"], two_studios["page_a"])


def test_master_of_another_studio_is_refused_not_500(client, two_studios):
    master_a = two_studios["a"].lead
    client.force_login(master_a)
    response = client.get(edit_url(two_studios["page_b"]))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"  # Wagtail's permission-denied redirect, with a message
    follow = client.get(response["Location"])
    assert follow.status_code == 200
    # nor may they edit the index page, the home page or create studio pages
    for page in (two_studios["page_b"].get_parent(), two_studios["page_b"].get_parent().get_parent()):
        assert client.get(edit_url(page)).status_code == 302
    add_url = f"/admin/pages/add/cms/studiopage/{two_studios['page_b'].get_parent().id}/"
    assert client.get(add_url).status_code == 302


def test_worker_outside_the_studio_cannot_open_the_admin(client, two_studios, people):
    client.force_login(people["worker_a"])
    response = client.get(edit_url(two_studios["page_a"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/").status_code == 302


def test_union_staff_do_not_edit_studio_pages(client, two_studios, people):
    assert not can_open_editor(client, people["staff_a"], two_studios["page_a"])


def test_site_admin_edits_any_studio_page_and_may_relink_it(client, two_studios, people):
    client.force_login(people["admin"])
    response = client.get(edit_url(two_studios["page_b"]))
    assert response.status_code == 200
    assert 'name="studio"' in response.content.decode()


def test_member_posts_a_revision(client, two_studios):
    page = two_studios["page_a"]
    member = two_studios["apprentice"]
    client.force_login(member)
    response = client.get(edit_url(page))
    html = response.content.decode()
    assert 'name="studio"' not in html  # members cannot re-point their page at another studio
    data = edit_form_data(html)
    data["intro"] = "我们的工作室专攻数控加工。"
    data["studio"] = str(two_studios["b"].pk)  # tampering is ignored: the field is not in their form

    response = client.post(edit_url(page), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == edit_url(page)
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.intro == "我们的工作室专攻数控加工。"
    assert draft.studio_id == two_studios["a"].pk
    assert page.get_latest_revision().user == member


def test_member_submits_their_page_and_it_is_published_on_approval(client, two_studios, people):
    page = two_studios["page_a"]
    lead = two_studios["a"].lead
    client.force_login(lead)
    data = edit_form_data(client.get(edit_url(page)).content.decode())
    data["intro"] = "已发布的介绍"
    data["action-publish"] = "action-publish"  # not theirs to do: saved as a draft only
    assert client.post(edit_url(page), data).status_code == 302
    assert StudioPage.objects.get(pk=page.pk).intro == ""

    data.pop("action-publish")
    data["action-submit"] = "action-submit"
    assert client.post(edit_url(page), data).status_code == 302
    page = StudioPage.objects.get(pk=page.pk)
    assert page.workflow_in_progress and page.intro == ""

    client.force_login(people["staff_a"])  # studio A's enterprise is in district A
    task_state = page.current_workflow_task_state
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {})
    assert response.status_code == 302
    assert StudioPage.objects.get(pk=page.pk).intro == "已发布的介绍"
    assert "已发布的介绍" in client.get("/studios/studio-a/").content.decode()


def test_member_posting_to_another_studio_page_changes_nothing(client, two_studios):
    page_b = two_studios["page_b"]
    client.force_login(two_studios["a"].lead)
    response = client.post(edit_url(page_b), {"title": "被篡改", "slug": "studio-b", "intro": "x"})
    assert response.status_code == 302
    page_b.refresh_from_db()
    assert page_b.title == "乙工作室"
    assert page_b.get_latest_revision() is None or page_b.get_latest_revision_as_object().title == "乙工作室"


def test_adding_a_member_later_grants_and_removing_revokes(client, two_studios, org_tree):
    studio = two_studios["a"]
    page = two_studios["page_a"]
    newcomer = MasterFactory(organisation=org_tree["a1"], real_name="新成员")
    assert not can_open_editor(client, newcomer, page)

    studio.members.add(newcomer)
    assert can_open_editor(client, newcomer, page)
    assert not can_open_editor(client, newcomer, two_studios["page_b"])

    studio.members.remove(newcomer)
    assert not can_open_editor(client, newcomer, page)

    # through the service, and from the user's side of the relation
    studio_members_set(studio=studio, members=[newcomer])
    assert can_open_editor(client, newcomer, page)
    assert not can_open_editor(client, two_studios["apprentice"], page)
    newcomer.studios.remove(studio)
    assert not can_open_editor(client, newcomer, page)
    newcomer.studios.add(studio)
    assert can_open_editor(client, newcomer, page)
    newcomer.studios.clear()
    assert not can_open_editor(client, newcomer, page)


def test_changing_the_lead_moves_the_edit_right(client, two_studios, org_tree):
    studio = two_studios["a"]
    old_lead = studio.lead
    new_lead = MasterFactory(organisation=org_tree["a1"])
    studio_update(studio=studio, lead=new_lead)
    studio.members.remove(old_lead)

    assert can_open_editor(client, new_lead, two_studios["page_a"])
    assert not can_open_editor(client, old_lead, two_studios["page_a"])


def test_renaming_the_studio_code_keeps_the_edit_right(client, two_studios):
    studio = two_studios["a"]
    studio_update(studio=studio, slug="studio-a-renamed")
    assert can_open_editor(client, studio.lead, two_studios["page_a"])
    assert can_open_editor(client, two_studios["apprentice"], two_studios["page_a"])


def test_relinking_a_page_moves_the_edit_right(client, two_studios, site_pages, org_tree):
    spare = StudioFactory(organisation=org_tree["a1"], name="丙工作室", slug="studio-c")
    page = two_studios["page_a"]
    page.studio = spare
    page.save()

    assert can_open_editor(client, spare.lead, page)
    assert not can_open_editor(client, two_studios["a"].lead, page)
