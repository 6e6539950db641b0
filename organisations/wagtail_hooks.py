"""The organisation tree in the Wagtail admin: listed in tree order, scoped to the staff member's
subtree, created and moved only through ``organisations.services``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .forms import OrganisationAdminForm
from .models import Organisation
from .selectors import organisations_for_user
from .services import organisation_create, organisation_update

STAFF_ORGANISATION_ACTIONS = frozenset({"add", "change", "view"})


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """Site admins manage the whole tree; union staff add, view and edit nodes of their subtree.
    Nobody deletes from the Wagtail admin: deleting a node deletes its whole subtree, so that is
    left to the site admin in /django-admin/, which lists everything affected first."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action == "delete":
            return False
        if action in STAFF_ORGANISATION_ACTIONS and user.is_active and getattr(user, "is_union_staff", False):
            return True
        return super().user_has_permission(user, action)

    def instances_user_has_any_permission_for(
        self, user: Any, actions: Iterable[str]
    ) -> QuerySet[Organisation]:
        if not self.user_has_any_permission(user, actions):
            return Organisation.objects.none()
        return organisations_for_user(user=user)

    def instances_user_has_permission_for(self, user: Any, action: str) -> QuerySet[Organisation]:
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Organisation) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Iterable[str], instance: Organisation
    ) -> bool:
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()


# registered before the viewset below, as Wagtail requires
organisation_permission_policy = OrganisationPermissionPolicy(Organisation)
register_permission_policy(Organisation, organisation_permission_policy)


def tree_label(organisation: Organisation) -> str:
    indent = "\u3000" * (organisation.depth - 1)
    marker = "└ " if organisation.depth > 1 else ""
    return f"{indent}{marker}{organisation.name}"


class ScopedQuerysetMixin:
    request: Any

    def get_queryset(self) -> QuerySet[Organisation]:
        return organisations_for_user(user=self.request.user)


class ScopedBaseObjectMixin:
    request: Any

    def get_base_object_queryset(self) -> QuerySet[Organisation]:
        return organisations_for_user(user=self.request.user)


class ServiceErrorsMixin:
    """A ValidationError from a service becomes form errors on the same page, never a 500."""

    def form_valid(self, form: OrganisationAdminForm) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        form.add_error(field if field in form.fields else None, message)
            else:
                for message in exc.messages:
                    form.add_error(None, message)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]


class OrganisationIndexView(generic.IndexView):
    default_ordering = "path"

    def get_base_queryset(self) -> QuerySet[Organisation]:
        return organisations_for_user(user=self.request.user)

    def get_valid_orderings(self) -> list[str]:
        return ["path"]

    @cached_property
    def columns(self) -> list[Column]:
        return [
            TitleColumn(
                "name",
                label=_("名称"),
                accessor=tree_label,
                get_url=self.get_edit_url,
                classname="title",
            ),
            Column("short_name", label=_("简称")),
            Column("code", label=_("代码")),
            Column("kind", label=_("类型"), accessor="get_kind_display"),
        ]


class OrganisationCreateView(ServiceErrorsMixin, generic.CreateView):
    def save_instance(self) -> Organisation:
        return organisation_create(user=self.request.user, **self.form.service_kwargs())


class OrganisationEditView(ScopedQuerysetMixin, ServiceErrorsMixin, generic.EditView):
    def save_instance(self) -> Organisation:
        return organisation_update(
            organisation=self.object, user=self.request.user, **self.form.service_kwargs()
        )


class OrganisationHistoryView(ScopedBaseObjectMixin, generic.HistoryView):
    pass


class OrganisationUsageView(ScopedBaseObjectMixin, UsageView):
    pass


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("组织")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = OrganisationIndexView
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView
    history_view_class = OrganisationHistoryView
    usage_view_class = OrganisationUsageView
    search_fields = ["name", "short_name", "code"]
    list_filter = ["kind"]
    ordering = "path"
    edit_handler = ObjectList(
        [
            FieldPanel("parent"),
            MultiFieldPanel(
                [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code"), FieldPanel("kind")],
                heading=_("基本信息"),
            ),
            MultiFieldPanel([FieldPanel("address"), FieldPanel("contact_phone")], heading=_("联系方式")),
        ],
        base_form_class=OrganisationAdminForm,
    )


@hooks.register("register_admin_viewset")
def register_organisation_viewset() -> OrganisationViewSet:
    return OrganisationViewSet("organisations")
