"""Users in /django-admin/ for site admins. Role changes go through ``accounts.services`` so the
role groups, is_staff and is_superuser follow the role."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import User
from .services import user_role_set, user_role_sync


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "real_name", "mobile", "organisation", "role", "is_active")
    list_filter = ("role", "is_active", "is_superuser", "skill_level")
    search_fields = ("username", "real_name", "mobile", "email", "employee_number", "employer")
    autocomplete_fields = ("organisation",)
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("个人信息"),
            {
                "fields": (
                    "real_name",
                    "mobile",
                    "email",
                    "employer",
                    "employee_number",
                    "trade",
                    "skill_level",
                    "avatar",
                )
            },
        ),
        (_("组织与角色"), {"fields": ("organisation", "role")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "real_name", "mobile", "organisation", "role")}),
        (_("密码"), {"classes": ("wide",), "fields": ("password1", "password2")}),
    )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change or "role" in form.changed_data:
            user_role_set(user=obj, role=obj.role)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user_role_sync(user=form.instance)  # the groups box may have dropped the role's group
