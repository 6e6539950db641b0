"""Wagtail admin for studios: the Studio records (union staff, within their subtree), the yearly
上线进网 campaign (admin edits, staff view) and the 上线进网进度 report with its home-page panel.

Masters do not manage Studio records: they edit their studio's *page*, which the CMS grants them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_scoping import ScopedPermissionPolicy, ScopedSnippetViewSet
from .forms import StudioAdminForm
from .models import OnboardingCampaign, Studio
from .selectors import (
    OnboardingStatus,
    StudioOnboarding,
    campaign_for_year,
    onboarding_summary,
    studio_onboarding,
    studios_for_user,
)

register_permission_policy(Studio, ScopedPermissionPolicy(Studio, scope_field="organisation"))


def _studio_policy() -> ScopedPermissionPolicy:
    return policy_registry.get_by_type(Studio)


def user_sees_onboarding(user: Any) -> bool:
    """Union staff (their subtree) and the site admin; the Studio model permissions decide."""
    return _studio_policy().user_has_any_permission(user, ["view", "change"])


class OnboardingColumn(Column):
    """A status tag (class ``status-<status>``) followed by the deadline."""

    cell_template_name = "studios/admin/onboarding_cell.html"

    def get_cell_context_data(self, instance: Any, parent_context: Mapping[str, Any]) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        context["onboarding"] = self.get_value(instance)
        return context


# --- Studio records -------------------------------------------------------------------------------


class StudioIndexView(snippet_views.IndexView):
    @cached_property
    def campaign(self) -> OnboardingCampaign:
        return campaign_for_year()

    def onboarding_for(self, studio: Studio) -> StudioOnboarding:
        return studio_onboarding(studio=studio, campaign=self.campaign)

    @cached_property
    def columns(self) -> list[Any]:
        return [*super().columns, OnboardingColumn("onboarding", label=_("上线进网"), accessor=self.onboarding_for)]


class StudioViewSet(ScopedSnippetViewSet):
    model = Studio
    icon = "group"
    menu_label = _("工作室档案")
    menu_name = "studios"
    index_view_class = StudioIndexView
    copy_view_enabled = False  # names and codes are unique: a copy could never be saved as it is
    list_display = ["name", "lead", "organisation", "level", "online_on"]
    list_filter = ["level", "industry"]
    search_fields = ["name", "slug", "lead__real_name", "organisation__name"]
    search_backend_name = None  # the ORM over search_fields: Studio is not in Wagtail's search index
    ordering = "name"
    list_per_page = 30

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("organisation"),
                    FieldPanel("industry"),
                    FieldPanel("level"),
                    FieldPanel("founded_on"),
                    FieldPanel("online_on"),
                ],
                heading=_("基本信息"),
            ),
            ObjectList([FieldPanel("lead"), FieldPanel("members")], heading=_("人员")),
            ObjectList(
                [
                    FieldPanel("profile"),
                    FieldPanel("cover"),
                    InlinePanel(
                        "photos",
                        label=_("照片"),
                        heading=_("工作室照片"),
                        panels=[FieldPanel("image"), FieldPanel("caption")],
                    ),
                ],
                heading=_("介绍与照片"),
            ),
        ],
        base_form_class=StudioAdminForm,
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        return studios_for_user(user=request.user)


class OnboardingCampaignViewSet(SnippetViewSet):
    """The site admin sets each year's deadlines; union staff may look (view permission, inspect view)."""

    model = OnboardingCampaign
    icon = "date"
    menu_label = _("上线进网活动")
    menu_name = "onboarding-campaigns"
    list_display = ["__str__", "year", "demonstration_deadline", "all_studios_deadline"]
    inspect_view_enabled = True
    inspect_view_fields = ["year", "demonstration_deadline", "all_studios_deadline"]
    ordering = "-year"
    panels = [FieldPanel("year"), FieldPanel("demonstration_deadline"), FieldPanel("all_studios_deadline")]


class StudiosViewSetGroup(SnippetViewSetGroup):
    items = (StudioViewSet, OnboardingCampaignViewSet)
    menu_icon = "group"
    menu_label = _("创新工作室")
    menu_name = "studios-group"
    menu_order = 250


register_snippet(StudiosViewSetGroup)


# --- 上线进网进度 report --------------------------------------------------------------------------


class OnboardingReportView(ReportView):
    """Studios of the user's subtree with their 上线进网 status and deadline, and counts per status."""

    model = Studio
    page_title = _("上线进网进度")
    header_icon = "tasks"
    index_url_name = "studios_onboarding_report"
    index_results_url_name = "studios_onboarding_report_results"
    results_template_name = "studios/admin/onboarding_report_results.html"
    any_permission_required = ["view", "change"]
    paginate_by = 50
    list_export = ["name", "organisation", "level_label", "lead", "deadline", "status_label", "online_on"]
    export_headings = {
        "name": _("工作室名称"),
        "organisation": _("所属组织"),
        "level_label": _("级别"),
        "lead": _("领衔人"),
        "deadline": _("截止日期"),
        "status_label": _("上线进网状态"),
        "online_on": _("上线进网日期"),
    }

    @cached_property
    def campaign(self) -> OnboardingCampaign:
        return campaign_for_year()

    @cached_property
    def columns(self) -> list[Column]:
        return [
            Column("name", label=_("工作室名称")),
            Column("organisation", label=_("所属组织")),
            Column("level_label", label=_("级别")),
            Column("lead", label=_("领衔人")),
            OnboardingColumn("onboarding", label=_("上线进网状态（截止日期）")),
            Column("online_on", label=_("上线进网日期")),
        ]

    def get_filename(self) -> str:
        return f"studio-onboarding-{self.campaign.year}"

    def get_queryset(self) -> Any:
        return studios_for_user(user=self.request.user).order_by("organisation__path", "name")

    def decorate_paginated_queryset(self, object_list: Any) -> list[Studio]:
        studios = list(object_list)
        for studio in studios:
            onboarding = studio_onboarding(studio=studio, campaign=self.campaign)
            studio.onboarding = onboarding  # type: ignore[attr-defined]
            studio.deadline = onboarding.deadline  # type: ignore[attr-defined]
            studio.status_label = onboarding.status.label  # type: ignore[attr-defined]
            studio.level_label = studio.get_level_display()  # type: ignore[attr-defined]
        return studios

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        counts = onboarding_summary(studios=self.get_filtered_queryset(), campaign=self.campaign)
        context["campaign"] = self.campaign
        context["status_counts"] = [(status, counts[status.value]) for status in OnboardingStatus]
        context["studio_total"] = sum(counts.values())
        return context


class OnboardingReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_sees_onboarding(request.user)


@hooks.register("register_admin_urls")
def register_onboarding_report_urls() -> list[Any]:
    view = OnboardingReportView.as_view()
    return [
        path("reports/studio-onboarding/", view, name="studios_onboarding_report"),
        path(
            "reports/studio-onboarding/results/",
            OnboardingReportView.as_view(results_only=True),
            name="studios_onboarding_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_onboarding_report_menu_item() -> MenuItem:
    return OnboardingReportMenuItem(
        _("上线进网进度"),
        reverse("studios_onboarding_report"),
        name="studio-onboarding",
        icon_name="tasks",
        order=100,
    )


class OnboardingSummaryPanel(Component):
    """The counts per status on the admin dashboard of union staff, linking to the report."""

    name = "studio_onboarding_summary"
    template_name = "studios/admin/onboarding_home_panel.html"
    order = 90

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        campaign = campaign_for_year()
        counts = onboarding_summary(studios=studios_for_user(user=self.request.user), campaign=campaign)
        return {
            "campaign": campaign,
            "status_counts": [(status, counts[status.value]) for status in OnboardingStatus],
            "studio_total": sum(counts.values()),
            "report_url": reverse("studios_onboarding_report"),
        }


@hooks.register("construct_homepage_panels")
def add_onboarding_summary_panel(request: HttpRequest, panels: list[Any]) -> None:
    if user_sees_onboarding(request.user):
        panels.append(OnboardingSummaryPanel(request))
