"""Wagtail admin pieces that confine union staff to their organisation subtree.

A model whose rows belong to an organisation gets a ``ScopedPermissionPolicy`` (the model
permissions of the user's role, *and* the row inside the user's subtree) and a
``ScopedSnippetViewSet`` whose views only ever load rows through ``scope_for_user``: a row outside
the subtree is a 404 on every view (edit, delete, history, usage, reorder), never a 500, and its
edit/delete buttons are not offered. Used by studios and by the CMS's featured items.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import unquote
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from organisations.selectors import (
    organisation_is_within,
    scope_for_user,
    scope_root_for_user,
    user_sees_everything,
)


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (from the user's role group) limited to rows in the user's subtree."""

    def __init__(self, model: Any, *, scope_field: str = "organisation") -> None:
        super().__init__(model)
        self.scope_field = scope_field

    def scope(self, queryset: QuerySet, user: Any) -> QuerySet:
        return scope_for_user(queryset, user=user, field=self.scope_field)

    def instance_in_scope(self, user: Any, instance: Model) -> bool:
        if user_sees_everything(user=user):
            return True
        root = scope_root_for_user(user=user)
        organisation: Any = instance
        for part in self.scope_field.split("__"):
            organisation = getattr(organisation, part, None)
        return organisation_is_within(organisation=organisation, ancestor=root)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Model) -> bool:
        return self.user_has_permission(user, action) and self.instance_in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user: Any, actions: list[str]) -> QuerySet:
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(self.model._default_manager.all(), user)


def _scoped(view: Any, queryset: QuerySet) -> QuerySet:
    policy = policy_registry.get_by_type(view.model)
    if isinstance(policy, ScopedPermissionPolicy):
        return policy.scope(queryset, view.request.user)
    return queryset.none()  # a scoped viewset without a scoped policy shows nothing rather than everything


class ScopedSingleObjectMixin:
    """Edit/delete views (Django's SingleObjectMixin): only rows in scope can be loaded."""

    model: Any
    request: HttpRequest

    def get_queryset(self) -> QuerySet:
        return _scoped(self, self.model._default_manager.all())


class ScopedBaseObjectMixin:
    """History/usage views (Wagtail's BaseObjectMixin): only rows in scope can be loaded."""

    model: Any
    request: HttpRequest

    def get_base_object_queryset(self) -> QuerySet:
        return _scoped(self, self.model._default_manager.all())


class ScopedEditView(ScopedSingleObjectMixin, snippet_views.EditView):
    pass


class ScopedDeleteView(ScopedSingleObjectMixin, snippet_views.DeleteView):
    pass


class ScopedHistoryView(ScopedBaseObjectMixin, snippet_views.HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, snippet_views.UsageView):
    pass


class ScopedInspectView(snippet_views.InspectView):
    def get_object(self, queryset: QuerySet | None = None) -> Model:
        return get_object_or_404(_scoped(self, self.model._default_manager.all()), pk=unquote(str(self.pk)))


class ScopedReorderView(snippet_views.ReorderView):
    """Drag-and-drop reordering among the rows the user may see; moving a foreign row is a 404."""

    def get_queryset(self) -> QuerySet:
        return _scoped(self, super().get_queryset())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        get_object_or_404(self.get_queryset(), pk=unquote(str(kwargs.get("pk"))))
        return super().post(request, *args, **kwargs)


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose listing and object views all go through ``scope_for_user``.

    The model must have a ``ScopedPermissionPolicy`` registered (``register_permission_policy``)
    before the viewset is registered. Wagtail's copy view already asks that policy whether the
    source row may be viewed, so copying a foreign row is refused as well.
    """

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    reorder_view_class = ScopedReorderView

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        policy = policy_registry.get_by_type(self.model)
        queryset = self.model._default_manager.all()
        if not isinstance(policy, ScopedPermissionPolicy):
            return queryset.none()
        return policy.scope(queryset, request.user)
