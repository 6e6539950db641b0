"""The quiz form of the Wagtail admin: authors place quizzes only in their studios / subtree, and a
question's choices must make sense for its kind before anything is saved."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from organisations.selectors import (
    organisation_is_within,
    organisations_for_user,
    scope_root_for_user,
    user_sees_everything,
)

from .models import QuestionKind
from .selectors import studios_for_quiz_author
from .services import quiz_prepare_for_save

ORGANISATION_OUT_OF_SCOPE = _("只能选择您管辖范围内的组织（本级及下级）。")
STUDIO_OUT_OF_SCOPE = _("只能选择您所在或管辖的工作室。")


def _is_staff_like(user: Any) -> bool:
    return bool(user_sees_everything(user=user) or getattr(user, "is_site_admin", False) or user.is_union_staff)


class QuizAdminForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        if "studio" in self.fields:
            self.fields["studio"].queryset = studios_for_quiz_author(user=user).order_by("name")
            self.fields["studio"].error_messages["invalid_choice"] = STUDIO_OUT_OF_SCOPE
            if not _is_staff_like(user):
                self.fields["studio"].required = True
        if "organisation" in self.fields:
            field = self.fields["organisation"]
            field.required = False  # taken from the studio when left empty
            if user_sees_everything(user=user) or getattr(user, "is_site_admin", False):
                pass
            elif user.is_union_staff:
                field.queryset = organisations_for_user(user=user).order_by("path")
            else:  # masters: always the studio's organisation, not a choice
                del self.fields["organisation"]
                return
            field.error_messages["invalid_choice"] = ORGANISATION_OUT_OF_SCOPE

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.for_user
        studio = cleaned.get("studio")
        organisation = cleaned.get("organisation")
        if user is not None and not _is_staff_like(user):
            organisation = studio.organisation if studio else None
            cleaned["organisation"] = organisation
        elif organisation is None and studio is not None:
            organisation = studio.organisation
            cleaned["organisation"] = organisation
        if organisation is None:
            self.add_error("organisation" if "organisation" in self.fields else None, _("请选择所属组织或工作室。"))
        elif user is not None and user.is_union_staff and not user_sees_everything(user=user):
            if not organisation_is_within(organisation=organisation, ancestor=scope_root_for_user(user=user)):
                self.add_error("organisation", ORGANISATION_OUT_OF_SCOPE)
        if organisation is not None:
            self.instance.organisation = organisation
        return cleaned

    def is_valid(self) -> bool:
        valid = super().is_valid()
        questions = self.formsets.get("questions")
        if questions is None:
            return valid
        for form in questions.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            if not form.instance.pk and not form.has_changed():  # an empty extra form
                continue
            if not _question_choices_ok(form):
                valid = False
        return valid

    def save(self, commit: bool = True) -> Any:
        quiz_prepare_for_save(quiz=self.instance, user=self.for_user)
        return super().save(commit=commit)


def _question_choices_ok(form: Any) -> bool:
    """Single choice: ≥ 2 choices, exactly one correct; multiple choice: ≥ 2 choices, ≥ 1 correct."""
    kind = form.cleaned_data.get("kind")
    if kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return True
    choices = form.formsets.get("choices")
    live = [
        f
        for f in (choices.forms if choices is not None else [])
        if hasattr(f, "cleaned_data") and f.cleaned_data.get("text") and not f.cleaned_data.get("DELETE")
    ]
    correct = sum(1 for f in live if f.cleaned_data.get("is_correct"))
    error: Any = None
    if len(live) < 2:
        error = _("选择题至少需要两个选项。")
    elif kind == QuestionKind.SINGLE and correct != 1:
        error = _("单选题必须且只能勾选一个正确选项。")
    elif kind == QuestionKind.MULTIPLE and correct < 1:
        error = _("多选题至少勾选一个正确选项。")
    if error is None:
        return True
    form.add_error("kind", ValidationError(error, code="choices"))
    return False
