"""Admin form for required-course assignments: the staff member's subtree only, no past due dates."""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from config.errors import ApplicationError
from organisations.selectors import organisations_for_user

from .models import CoursePage
from .services.enrollment import assignment_check_due, assignment_check_scope


class CourseAssignmentForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields and self.for_user is not None:
            self.fields["organisation"].queryset = organisations_for_user(user=self.for_user).order_by("path")
        if "course" in self.fields:
            self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
            self.fields["course"].label_from_instance = lambda course: course.title

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            if data.get("organisation") is not None and self.for_user is not None:
                assignment_check_scope(staff=self.for_user, organisation=data["organisation"])
            if data.get("due_on") is not None and (self.instance.pk is None or "due_on" in self.changed_data):
                assignment_check_due(due_on=data["due_on"])
        except ApplicationError as error:
            raise forms.ValidationError(error.message) from None
        return data
