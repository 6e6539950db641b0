"""Wagtail admin of the CMS: the home page's featured items (snippets) and the scoping of topic pages.

Union staff curate featured items for their organisation subtree only (listing, edit, delete,
reorder all go through ``scope_for_user``); the site admin sees everything. Items are ordered by
drag and drop; the listing shows each item's publish window and whether it is live right now.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

from organisations.selectors import (
    organisation_is_within,
    scope_for_user,
    scope_root_for_user,
    user_sees_everything,
)
from studios.admin_scoping import ScopedPermissionPolicy, ScopedSnippetViewSet

from .forms import FeaturedItemAdminForm
from .models import FeaturedItem, TopicIndexPage, TopicPage

register_permission_policy(FeaturedItem, ScopedPermissionPolicy(FeaturedItem, scope_field="organisation"))


class FeaturedItemCreateView(snippet_views.CreateView):
    def save_instance(self) -> Any:
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class FeaturedItemViewSet(ScopedSnippetViewSet):
    model = FeaturedItem
    icon = "pick"
    menu_label = _("首页推荐")
    menu_name = "featured-items"
    menu_order = 260
    add_to_admin_menu = True
    add_view_class = FeaturedItemCreateView
    sort_order_field = "sort_order"
    ordering = "sort_order"  # drag-and-drop ordering is the default view of the listing
    list_display = [
        "title",
        "organisation",
        "starts_at",
        "ends_at",
        BooleanColumn("live_now", label=_("当前展示中"), accessor=lambda item: item.is_live()),
    ]
    search_fields = ["title", "summary"]
    search_backend_name = None  # the ORM over search_fields

    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("summary"),
            MultiFieldPanel(
                [FieldPanel("page"), FieldPanel("external_url")],
                heading=_("链接"),
                help_text=_("选择站内页面，或填写外部链接。"),
            ),
            FieldPanel("image"),
            FieldPanel("organisation"),
            MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("展示时间")),
        ],
        base_form_class=FeaturedItemAdminForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("organisation")


register_snippet(FeaturedItemViewSet)


# --- topics (专题): union staff manage the topics of their own organisation subtree only ---------------
def _topic_out_of_scope(request: HttpRequest, page: Page) -> bool:
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if not isinstance(specific, TopicPage):
        return False
    user = request.user
    if user_sees_everything(user=user):
        return False
    return not organisation_is_within(organisation=specific.organisation, ancestor=scope_root_for_user(user=user))


def _refuse_foreign_topic(request: HttpRequest, page: Page) -> HttpResponse | None:
    if _topic_out_of_scope(request, page):
        messages.error(request, _("这个专题属于其他组织，您不能修改。"))
        return redirect("wagtailadmin_home")
    return None


for _hook in ("before_edit_page", "before_delete_page", "before_copy_page", "before_move_page", "before_unpublish_page"):
    hooks.register(_hook, _refuse_foreign_topic)


@hooks.register("construct_explorer_page_queryset")
def hide_foreign_topics(parent_page: Page, pages: QuerySet, request: HttpRequest) -> QuerySet:
    if not isinstance(parent_page.specific, TopicIndexPage) or user_sees_everything(user=request.user):
        return pages
    in_scope = scope_for_user(TopicPage.objects.all(), user=request.user, field="organisation")
    return pages.exclude(Q(content_type=ContentType.objects.get_for_model(TopicPage)) & ~Q(pk__in=in_scope.values("pk")))
