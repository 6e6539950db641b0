"""Wagtail admin for union staff: required-course assignments (their subtree) and the study ledgers of
the people of their subtree (report with Excel export, and a per-person audit page)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from studios.admin_scoping import ScopedPermissionPolicy, ScopedSnippetViewSet

from .forms import CourseAssignmentForm
from .models import CourseAssignment
from .rules import can_inspect_ledgers
from .selectors import learner_for_staff, learners_summary, person_heartbeats, person_ledger
from .tasks import assignment_notify_task


class StaffScopedPolicy(ScopedPermissionPolicy):
    """Union staff (their subtree) and the site admin, decided by learning.rules, not by model perms."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return bool(can_inspect_ledgers.test(user))

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return bool(can_inspect_ledgers.test(user))


register_permission_policy(CourseAssignment, StaffScopedPolicy(CourseAssignment, scope_field="organisation"))


class CourseAssignmentViewSet(ScopedSnippetViewSet):
    model = CourseAssignment
    icon = "date"
    menu_label = _("必修课指派")
    menu_name = "course-assignments"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["course", "organisation", "due_on", "assigned_by"]
    list_filter = ["due_on"]
    search_fields = ["course__title", "organisation__name"]
    search_backend_name = None
    ordering = "due_on"
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["course", "organisation", "due_on", "note"]

    def get_form_class(self, for_update: bool = False) -> Any:
        from wagtail.admin.panels import FieldPanel, ObjectList

        panels = ObjectList(
            [FieldPanel("course", read_only=for_update), FieldPanel("organisation", read_only=for_update),
             FieldPanel("due_on"), FieldPanel("note")],
            base_form_class=CourseAssignmentForm,
        ).bind_to_model(CourseAssignment)
        return panels.get_form_class()

    def get_queryset(self, request: HttpRequest) -> Any:
        from organisations.selectors import scope_for_user

        return scope_for_user(
            CourseAssignment.objects.select_related("course", "organisation", "assigned_by"), user=request.user
        )


register_snippet(CourseAssignmentViewSet)


@hooks.register("after_create_snippet")
def assignment_created(request: HttpRequest, instance: Any) -> None:
    if isinstance(instance, CourseAssignment):
        if instance.assigned_by_id is None:
            CourseAssignment.objects.filter(pk=instance.pk).update(assigned_by=request.user)
        from django.db import transaction

        transaction.on_commit(lambda: assignment_notify_task.delay(instance.pk), robust=True)


# --- study ledgers ---------------------------------------------------------------------------------


class HoursColumn(Column):
    def get_value(self, instance: Any) -> Any:
        return round((instance.study_seconds or 0) / 3600, 1)


class LearnerLedgerReport(ReportView):
    page_title = _("学习台账")
    header_icon = "doc-full"
    index_url_name = "learning_ledger_report"
    index_results_url_name = "learning_ledger_report_results"
    paginate_by = 50
    list_export = ["real_name", "username", "organisation", "study_hours", "study_points", "hours", "courses"]
    export_headings = {
        "real_name": _("姓名"), "username": _("用户名"), "organisation": _("所属组织"),
        "study_hours": _("学习时长（小时）"), "study_points": _("积分"), "hours": _("学时"),
        "courses": _("完成课程数"),
    }

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_inspect_ledgers.test(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self) -> list[Column]:  # type: ignore[override]
        return [
            TitleColumn("real_name", label=_("姓名"), get_url=lambda u: reverse("learning_person_ledger", args=[u.pk])),
            Column("organisation", label=_("所属组织")),
            HoursColumn("study_seconds", label=_("学习时长（小时）")),
            Column("study_points", label=_("积分")),
            Column("study_hours", label=_("学时")),
            Column("courses_completed", label=_("完成课程数")),
        ]

    def get_filename(self) -> str:
        return f"study-ledger-{timezone.localdate().year}"

    def get_queryset(self) -> Any:
        return learners_summary(staff=self.request.user)

    def to_row_dict(self, item: Any) -> dict[str, Any]:
        return {
            "real_name": item.real_name or item.username, "username": item.username,
            "organisation": str(item.organisation or ""), "study_hours": round(item.study_seconds / 3600, 2),
            "study_points": item.study_points, "hours": item.study_hours, "courses": item.courses_completed,
        }


def person_ledger_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """One person's ledger for the year, and a day's heartbeats (the audit trail); 404 outside scope."""
    if not can_inspect_ledgers.test(request.user):
        raise Http404
    person = learner_for_staff(staff=request.user, person_id=person_id)
    if person is None:
        raise Http404
    ledger = person_ledger(person=person)
    day = request.GET.get("day", "")
    heartbeats = []
    if day:
        try:
            heartbeats = list(person_heartbeats(person=person, day=timezone.datetime.fromisoformat(day).date()))
        except ValueError:
            heartbeats = []
    return render(
        request, "learning/admin/person_ledger.html",
        {"ledger": ledger, "person": person, "day": day, "heartbeats": heartbeats, "header_title": _("学习台账")},
    )


class LedgerMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(can_inspect_ledgers.test(request.user))


@hooks.register("register_admin_urls")
def register_ledger_urls() -> list[Any]:
    return [
        path("reports/study-ledger/", LearnerLedgerReport.as_view(), name="learning_ledger_report"),
        path(
            "reports/study-ledger/results/",
            LearnerLedgerReport.as_view(results_only=True),
            name="learning_ledger_report_results",
        ),
        path("reports/study-ledger/<int:person_id>/", person_ledger_view, name="learning_person_ledger"),
    ]


@hooks.register("register_reports_menu_item")
def register_ledger_menu_item() -> MenuItem:
    return LedgerMenuItem(_("学习台账"), reverse("learning_ledger_report"), name="study-ledger", icon_name="doc-full", order=110)
