"""Admin forms for studio records: union staff can only place studios (and pick people) in their subtree."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.models import Role
from organisations.selectors import (
    organisation_is_within,
    organisations_for_user,
    scope_for_user,
    scope_root_for_user,
    user_sees_everything,
)

ORGANISATION_OUT_OF_SCOPE = _("只能选择您管辖范围内的组织（本级及下级）。")
PERSON_OUT_OF_SCOPE = _("只能选择您管辖范围内的人员。")


class PersonChoiceMixin:
    """Show people as “姓名（组织）” so namesakes can be told apart."""

    def label_from_instance(self, obj: Any) -> str:
        organisation = obj.organisation.display_name if obj.organisation_id else _("未分配组织")
        return f"{obj.display_name}（{organisation}）"


class PersonChoiceField(PersonChoiceMixin, forms.ModelChoiceField):
    pass


class PeopleChoiceField(PersonChoiceMixin, forms.ModelMultipleChoiceField):
    pass


def limit_organisation_field(field: forms.Field, *, user: Any) -> None:
    """Offer only the organisations ``user`` manages; anything else is refused in Chinese."""
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = organisations_for_user(user=user).order_by("path") if user else field.queryset.none()
    field.error_messages["invalid_choice"] = ORGANISATION_OUT_OF_SCOPE


def check_organisation_in_scope(organisation: Any, *, user: Any) -> None:
    """The second line of defence behind the limited choices (e.g. a form built without them)."""
    if organisation is None or user is None or user_sees_everything(user=user):
        return
    if not organisation_is_within(organisation=organisation, ancestor=scope_root_for_user(user=user)):
        raise ValidationError(ORGANISATION_OUT_OF_SCOPE, code="out_of_scope")


class StudioAdminForm(WagtailAdminModelForm):
    """The Studio snippet form of the Wagtail admin."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "organisation" in self.fields:
            limit_organisation_field(self.fields["organisation"], user=user)
        instance = self.instance
        people = self._people_for(user)
        if "lead" in self.fields:
            current = Q(pk=instance.lead_id) if instance.pk and instance.lead_id else Q(pk__in=[])
            self.fields["lead"] = PersonChoiceField(
                queryset=get_user_model()
                .objects.filter(Q(pk__in=people.filter(role=Role.MASTER).values("pk")) | current)
                .select_related("organisation")
                .order_by("real_name", "pk"),
                label=self.fields["lead"].label,
                help_text=_("领衔的劳模或工匠；只能从您管辖范围内的劳模/工匠账号中选择。"),
                error_messages={"invalid_choice": PERSON_OUT_OF_SCOPE},
            )
        if "members" in self.fields:
            current_members = (
                Q(pk__in=instance.members.values("pk")) if instance.pk else Q(pk__in=[])
            )
            self.fields["members"] = PeopleChoiceField(
                queryset=get_user_model()
                .objects.filter(Q(pk__in=people.values("pk")) | current_members)
                .select_related("organisation")
                .order_by("real_name", "pk"),
                label=self.fields["members"].label,
                required=False,
                help_text=_("工作室成员，可编辑本工作室的主页；领衔人自动成为成员。按住 Ctrl（或 ⌘）可多选。"),
                error_messages={"invalid_choice": PERSON_OUT_OF_SCOPE},
            )

    @staticmethod
    def _people_for(user: Any) -> QuerySet:
        users = get_user_model().objects.filter(is_active=True)
        if user is None:
            return users.none()
        return scope_for_user(users, user=user)

    def clean_organisation(self) -> Any:
        organisation = self.cleaned_data.get("organisation")
        check_organisation_in_scope(organisation, user=self.for_user)
        return organisation

    def clean_lead(self) -> Any:
        lead = self.cleaned_data.get("lead")
        if lead is not None and lead.role not in (Role.MASTER, Role.ADMIN):
            raise ValidationError(_("领衔人必须是劳模或工匠账号。"), code="not_master")
        return lead

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        lead = cleaned.get("lead")
        if lead is not None and "members" in self.fields and "members" in cleaned:
            members = list(cleaned["members"])
            if lead not in members:
                cleaned["members"] = [*members, lead]
        return cleaned
