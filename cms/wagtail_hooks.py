"""Wagtail admin of the CMS's own snippets: the home page's featured items.

Union staff curate featured items for their organisation subtree only (listing, edit, delete,
reorder all go through ``scope_for_user``); the site admin sees everything. Items are ordered by
drag and drop; the listing shows each item's publish window and whether it is live right now.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

from studios.admin_scoping import ScopedPermissionPolicy, ScopedSnippetViewSet

from .forms import FeaturedItemAdminForm
from .models import FeaturedItem

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
