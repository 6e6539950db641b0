"""The preferences form: one 站内信 / 电子邮件 checkbox pair per notification kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationKind, NotificationPreference

CHANNELS = ("in_app", "email")


@dataclass(frozen=True)
class KindFields:
    """The bound fields of one kind, so the template can render a fieldset per kind."""

    kind: str
    label: str
    in_app: forms.BoundField
    email: forms.BoundField


class NotificationPreferencesForm(forms.Form):
    """Fields are named ``<kind>__in_app`` and ``<kind>__email``; unchecked boxes mean "off"."""

    def __init__(self, *args, preferences: list[NotificationPreference], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        current = {pref.kind: pref for pref in preferences}
        for kind in NotificationKind.values:
            pref = current.get(kind) or NotificationPreference(kind=kind)
            # The template shows each pair inside a fieldset whose legend names the kind.
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                label=_("站内信"), required=False, initial=pref.in_app
            )
            self.fields[f"{kind}__email"] = forms.BooleanField(
                label=_("电子邮件"), required=False, initial=pref.email
            )

    def kinds(self) -> Iterator[KindFields]:
        for kind, label in NotificationKind.choices:
            yield KindFields(
                kind=kind, label=str(label), in_app=self[f"{kind}__in_app"], email=self[f"{kind}__email"]
            )

    def preferences(self) -> dict[str, dict[str, bool]]:
        """The cleaned data in the shape ``notification_preferences_set`` takes."""
        return {
            kind: {channel: bool(self.cleaned_data.get(f"{kind}__{channel}")) for channel in CHANNELS}
            for kind in NotificationKind.values
        }
