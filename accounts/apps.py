from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # this module holds two AppConfigs; "accounts" in INSTALLED_APPS means this one
    name = "accounts"
    verbose_name = _("用户")


class WagtailUsersConfig(WagtailUsersAppConfig):
    """``wagtail.users`` with the project's user forms, and staff scoped to their organisation subtree."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"

    def ready(self) -> None:
        from django.contrib.auth.models import Group
        from wagtail.permissions import register_permission_policy

        from .models import User
        from .permission_policies import UserManagementPermissionPolicy

        register_permission_policy(User, UserManagementPermissionPolicy(User))
        register_permission_policy(Group)
