"""Certificates in the Wagtail admin: union staff see the certificates of learners in their subtree and
may revoke one (with a reason) or restore it; nobody issues or edits them by hand — features issue them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.models import Role
from studios.admin_scoping import ScopedPermissionPolicy, ScopedSnippetViewSet

from .forms import CertificateAdminForm
from .models import Certificate
from .selectors import certificates_manageable_by

STAFF_ACTIONS = frozenset({"change", "view"})


class CertificatePermissionPolicy(ScopedPermissionPolicy):
    """View and change (revoke) for union staff within their subtree and the site admin; no add, no delete."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action not in STAFF_ACTIONS:
            return False
        if user.is_authenticated and user.is_active and (user.is_union_staff or user.is_site_admin):
            return True
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        if not STAFF_ACTIONS & set(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(role=Role.ADMIN) | Q(role=Role.UNION_STAFF, organisation__isnull=False),
            is_active=True,
        )


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate, scope_field="recipient__organisation"))


class CertificateViewSet(ScopedSnippetViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("证书")
    menu_name = "certificates"
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "recipient_name", "title", "hours", "issuer", "issued_on", "code", "revoked", "revoked_reason", "revoked_at",
    ]  # fmt: skip
    list_display = ["recipient_name", "title", "issuer", "issued_on", "revoked"]
    list_filter = ["revoked", "issued_on"]
    search_fields = ["recipient_name", "title", "issuer", "code"]
    search_backend_name = None
    ordering = "-issued_on"
    list_per_page = 50
    edit_handler = ObjectList(
        [FieldPanel("revoked"), FieldPanel("revoked_reason")], base_form_class=CertificateAdminForm
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        return certificates_manageable_by(user=request.user)


register_snippet(CertificateViewSet)
