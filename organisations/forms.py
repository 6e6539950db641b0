"""The Wagtail admin form for organisations: the node's fields plus "上级组织" (its parent).

The form validates; ``organisations.services`` writes (treebeard's add_child / add_root / move).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Organisation
from .selectors import organisations_for_user, user_sees_everything

ORGANISATION_FIELDS = ("name", "short_name", "code", "kind", "address", "contact_phone")


class ParentChoiceField(forms.ModelChoiceField):
    """The possible parents in tree order, indented by depth."""

    def label_from_instance(self, obj: Organisation) -> str:
        indent = "\u3000" * (obj.depth - 1)
        marker = "└ " if obj.depth > 1 else ""
        return f"{indent}{marker}{obj.name}"


class OrganisationAdminForm(WagtailAdminModelForm):
    parent = ParentChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("上级组织"),
        help_text=_("新组织放在哪个组织之下；只能选择您管理范围内的组织。"),
        error_messages={"invalid_choice": _("所选上级组织不存在或不在您的管理范围内，请重新选择。")},
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        sees_all = bool(user is not None and user_sees_everything(user=user))
        choices: QuerySet[Organisation] = (
            (Organisation.objects.all() if sees_all else organisations_for_user(user=user))
            if user is not None
            else Organisation.objects.none()
        )
        node = self.instance if self.instance.pk else None
        if node is not None:
            # a node cannot go under itself or anything below it
            choices = choices.exclude(path__startswith=node.path)
        parent_field: ParentChoiceField = self.fields["parent"]  # type: ignore[assignment]
        parent_field.queryset = choices.order_by("path")
        if sees_all:
            parent_field.empty_label = _("（无，作为顶级组织）")
            parent_field.help_text = _("留空则作为顶级组织。")
        else:
            parent_field.required = True
            parent_field.empty_label = _("请选择")
            parent_field.error_messages["required"] = _("请选择上级组织。")
        if node is not None:
            current_parent = node.get_parent()
            self.initial.setdefault("parent", current_parent.pk if current_parent else None)
            if not sees_all and (current_parent is None or not choices.filter(pk=current_parent.pk).exists()):
                # the top of the staff member's own subtree: its place in the tree is not theirs to change
                del self.fields["parent"]
        self.fields["code"].error_messages["unique"] = _("该代码已被其他组织使用。")

    @property
    def moves_node(self) -> bool:
        return "parent" in self.fields

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {name: data[name] for name in ORGANISATION_FIELDS if name in data}
        if "parent" in self.fields:
            kwargs["parent"] = data.get("parent")
        return kwargs
