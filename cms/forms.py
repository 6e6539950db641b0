"""Admin forms of the CMS: featured items and topic pages, both scoped to the user's organisation subtree."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from studios.forms import check_organisation_in_scope, limit_organisation_field


class FeaturedItemAdminForm(WagtailAdminModelForm):
    """Union staff publish featured items only in the name of an organisation they manage."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "organisation" in self.fields:
            limit_organisation_field(self.fields["organisation"], user=user)
            if not self.instance.pk and user is not None and getattr(user, "organisation_id", None):
                self.fields["organisation"].initial = user.organisation_id

    def clean_organisation(self) -> Any:
        organisation = self.cleaned_data.get("organisation")
        check_organisation_in_scope(organisation, user=self.for_user)
        return organisation


class TopicPageForm(WagtailAdminPageForm):
    """Union staff publish a topic only in the name of an organisation they manage."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "organisation" in self.fields:
            limit_organisation_field(self.fields["organisation"], user=user)
            if not self.instance.pk and user is not None and getattr(user, "organisation_id", None):
                self.fields["organisation"].initial = user.organisation_id

    def clean_organisation(self) -> Any:
        organisation = self.cleaned_data.get("organisation")
        check_organisation_in_scope(organisation, user=self.for_user)
        return organisation
