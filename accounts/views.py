"""Pages where people sign in, register and look after their own account. Thin callers of services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters

from studios.selectors import studios_of_member

from .forms import LoginForm, PasswordChangeFormCN, ProfileForm, RegisterForm, apply_service_errors
from .models import User
from .roles import role_label
from .services import user_create, user_profile_update

LOGIN_BACKEND = "accounts.backends.MobileOrUsernameBackend"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"page_title": gettext_lazy("登录")}


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default); a GET shows nothing to follow."""


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeFormCN
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")
    extra_context = {"page_title": gettext_lazy("修改密码")}

    def form_valid(self, form: PasswordChangeFormCN) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("密码已修改。"))
        return response


@sensitive_post_parameters("password1", "password2")
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_create(**form.user_create_kwargs())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            login(request, user, backend=LOGIN_BACKEND)
            messages.success(request, _("注册成功，欢迎加入匠联学堂！"))
            return redirect("accounts:profile")
    return render(request, "accounts/register.html", {"form": form, "page_title": _("注册")})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    organisation = user.organisation
    context: dict[str, Any] = {
        "page_title": _("我的账号"),
        "profile_user": user,
        "role_label": role_label(user.role),
        "organisation_path": [*organisation.get_ancestors(), organisation] if organisation else [],
        "studios": studios_of_member(user=user).select_related("organisation").order_by("name"),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    # a fresh copy: a refused change must not leak into request.user (shown in the page header)
    user = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        changes = form.profile_update_kwargs()
        try:
            if changes:
                user_profile_update(user=user, **changes)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            user = User.objects.get(pk=request.user.pk)
        else:
            messages.success(request, _("个人资料已保存。") if changes else _("资料没有变化。"))
            return HttpResponseRedirect(reverse("accounts:profile"))
    return render(
        request,
        "accounts/profile_edit.html",
        {"form": form, "profile_user": user, "page_title": _("编辑个人资料")},
    )
