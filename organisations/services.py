"""Writes on the organisation tree. Nodes are created and moved only through treebeard's API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from treebeard.exceptions import InvalidMoveToDescendant

from .models import Organisation
from .selectors import organisation_is_within, scope_root_for_user, user_sees_everything

if TYPE_CHECKING:
    from accounts.models import User

EDITABLE_FIELDS = ("name", "short_name", "code", "kind", "address", "contact_phone")
TREE_FIELDS = ["path", "depth", "numchild"]
_UNCHANGED: Any = object()


def _fresh(node: Organisation | None) -> Organisation | None:
    """The node as stored now: a sibling added or moved since it was loaded may have shifted its path."""
    return Organisation.objects.get(pk=node.pk) if node is not None else None


def _scope_root(user: User) -> Organisation | None:
    return _fresh(scope_root_for_user(user=user))


def _check_parent_allowed(*, parent: Organisation | None, user: User | None) -> None:
    """``user`` (when given) may put nodes only under a node of their own subtree; only the site
    admin may create or move top-level nodes."""
    if user is None or user_sees_everything(user=user):
        return
    if parent is None:
        raise ValidationError({"parent": _("请选择上级组织：只有平台管理员可以创建顶级组织。")})
    root = _scope_root(user)
    if root is None or not organisation_is_within(organisation=parent, ancestor=root):
        raise ValidationError({"parent": _("所选上级组织不在您的管理范围内。")})


def _check_manageable(*, organisation: Organisation, user: User | None) -> None:
    if user is None or user_sees_everything(user=user):
        return
    root = _scope_root(user)
    if root is None or not organisation_is_within(organisation=organisation, ancestor=root):
        raise ValidationError(_("您无权修改该组织。"))


@transaction.atomic
def organisation_create(
    *,
    name: str,
    code: str,
    kind: str,
    parent: Organisation | None,
    short_name: str = "",
    address: str = "",
    contact_phone: str = "",
    user: User | None = None,
) -> Organisation:
    """Add a node under ``parent`` (or a top-level node when ``parent`` is None).

    ``user``, when given, is the person asking: union staff may add nodes only inside their subtree.
    """
    parent = _fresh(parent)
    _check_parent_allowed(parent=parent, user=user)
    node = Organisation(
        name=name, code=code, kind=kind, short_name=short_name, address=address, contact_phone=contact_phone
    )
    node.full_clean(exclude=TREE_FIELDS)
    if parent is None:
        return Organisation.add_root(instance=node)
    return parent.add_child(instance=node)


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    parent: Organisation | None = _UNCHANGED,
    user: User | None = None,
    **fields: Any,
) -> Organisation:
    """Change a node's fields and, when ``parent`` is given, move it (with its subtree) under
    ``parent`` (None: to the top level). Returns the node as stored after the move."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if parent is not _UNCHANGED:
        parent = _fresh(parent)
    _check_manageable(organisation=organisation, user=user)
    current_parent = organisation.get_parent()
    move = parent is not _UNCHANGED and (parent.pk if parent else None) != (
        current_parent.pk if current_parent else None
    )
    if move:
        _check_parent_allowed(parent=parent, user=user)
        if parent is not None and organisation_is_within(organisation=parent, ancestor=organisation):
            raise ValidationError({"parent": _("不能把组织移到它自己或它的下级组织之下。")})

    renamed = "name" in fields and fields["name"] != organisation.name
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean(exclude=TREE_FIELDS)
    organisation.save()

    if move or renamed:
        # node_order_by = name: (re)placing the node under its parent keeps siblings sorted by name
        new_parent = parent if move else current_parent
        try:
            if new_parent is not None:
                organisation.move(_fresh(new_parent), pos="sorted-child")
            else:
                sibling = Organisation.get_root_nodes().exclude(pk=organisation.pk).first()
                if sibling is not None:
                    organisation.move(sibling, pos="sorted-sibling")
        except InvalidMoveToDescendant as exc:  # guarded above; kept for concurrent edits
            raise ValidationError({"parent": _("不能把组织移到它自己或它的下级组织之下。")}) from exc
    return Organisation.objects.get(pk=organisation.pk)
