"""The Wagtail admin for users: the project's fields, and union staff scoped to their subtree.

Registered through ``accounts.apps.WagtailUsersConfig.user_viewset`` (Wagtail's documented way of
customising the user views). Creation goes through ``accounts.services.user_create`` and role changes
through ``accounts.services.user_role_set``, so the role groups always follow the role.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.views import users as wagtail_users

from .forms import AdminUserCreationForm, AdminUserEditForm, apply_service_errors
from .models import Role, User
from .permission_policies import users_manageable_by
from .roles import role_label
from .services import user_create, user_role_set, user_role_sync

SEARCH_FIELDS = ["username", "real_name", "mobile", "email", "employee_number", "employer"]


class ScopedSingleObjectMixin:
    """Edit and delete find only the users the request's user may manage: anybody else is a 404,
    whatever the URL says."""

    request: Any

    def get_queryset(self) -> QuerySet[User]:
        return users_manageable_by(user=self.request.user)


class ScopedBaseObjectMixin:
    """The same for views built on Wagtail's BaseObjectMixin (history, usage)."""

    request: Any

    def get_base_object_queryset(self) -> QuerySet[User]:
        return users_manageable_by(user=self.request.user)


class ServiceErrorsMixin:
    """A ValidationError from a service becomes form errors on the same page, never a 500."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as exc:
            apply_service_errors(form, exc)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["for_user"] = self.request.user  # type: ignore[attr-defined]
        return kwargs


class UserFilterSet(wagtail_users.UserFilterSet):
    role = django_filters.ChoiceFilter(label=_("角色"), choices=Role.choices)

    class Meta(wagtail_users.UserFilterSet.Meta):
        model = User
        fields = []


class IndexView(wagtail_users.IndexView):
    search_fields = SEARCH_FIELDS

    def get_base_queryset(self) -> QuerySet[User]:
        return users_manageable_by(user=self.request.user)

    @cached_property
    def columns(self) -> list[Column]:
        widths = {"name": "18%", User.USERNAME_FIELD: "14%", "is_active": "8%", "last_login": "12%"}
        columns = []
        for column in super().columns:
            if column.name == "is_superuser":
                continue  # the role column says it
            if column.name == "bulk_actions" and not self.request.user.is_superuser:
                continue  # bulk delete / groups / active state are for site admins only
            column.width = widths.get(column.name, column.width)
            columns.append(column)
        extra = [
            Column("mobile", label=_("手机号"), width="12%"),
            Column("organisation", label=_("所属组织"), accessor=lambda u: u.organisation or ""),
            Column("role", label=_("角色"), accessor=lambda u: role_label(u.role), width="9%"),
        ]
        position = next((i + 1 for i, c in enumerate(columns) if c.name == User.USERNAME_FIELD), len(columns))
        return columns[:position] + extra + columns[position:]

    def order_queryset(self, queryset: QuerySet[User]) -> QuerySet[User]:
        if self.ordering == "name":
            return queryset.order_by("real_name", "username")
        if self.ordering == "-name":
            return queryset.order_by("-real_name", "-username")
        return super().order_queryset(queryset)


class CreateView(ServiceErrorsMixin, wagtail_users.CreateView):
    def save_instance(self) -> User:
        form: AdminUserCreationForm = self.form
        user = user_create(**form.user_create_kwargs())
        extra_groups = form.cleaned_data.get("groups")
        if extra_groups:
            user.groups.add(*extra_groups)
        return user


class EditView(ScopedSingleObjectMixin, ServiceErrorsMixin, wagtail_users.EditView):
    def save_instance(self) -> User:
        form: AdminUserEditForm = self.form
        old_role = User.objects.values_list("role", flat=True).get(pk=self.object.pk)
        user = super().save_instance()  # the profile fields, password, active flag and extra groups
        role = form.cleaned_data.get("role") or old_role
        if role != old_role:
            user_role_set(user=user, role=role)  # also sets is_staff / is_superuser and the role group
        else:
            user_role_sync(user=user)  # saving the extra groups above may have dropped the role group
        return user


class DeleteView(ScopedSingleObjectMixin, wagtail_users.DeleteView):
    pass


class HistoryView(ScopedBaseObjectMixin, wagtail_users.HistoryView):
    pass


class UsageView(ScopedBaseObjectMixin, wagtail_users.UserViewSet.usage_view_class):  # type: ignore[misc]
    pass


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    filterset_class = UserFilterSet
    copy_view_enabled = False
    create_template_name = "accounts/wagtail_user_create.html"
    edit_template_name = "accounts/wagtail_user_edit.html"
    search_fields = SEARCH_FIELDS
    menu_label = _("用户")

    def get_form_class(self, for_update: bool = False) -> type[AdminUserCreationForm | AdminUserEditForm]:
        return AdminUserEditForm if for_update else AdminUserCreationForm
