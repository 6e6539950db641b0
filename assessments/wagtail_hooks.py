"""Authoring quizzes in the Wagtail admin: a snippet with inline questions and, inside each, its choices.

Masters edit their studio's quizzes, union staff the quizzes of their subtree, the site admin all
(``QuizPermissionPolicy``); a quiz outside one's scope is a 404 on every view.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from studios.admin_scoping import ScopedSnippetViewSet

from .forms import QuizAdminForm
from .models import Quiz
from .permission_policies import QuizPermissionPolicy
from .selectors import quizzes_authored_by

register_permission_policy(Quiz, QuizPermissionPolicy(Quiz))

QUESTION_PANELS = [
    FieldPanel("kind"),
    FieldPanel("text"),
    FieldPanel("points"),
    InlinePanel(
        "choices",
        label=_("选项"),
        heading=_("选项（单选、多选题）"),
        panels=[FieldPanel("text"), FieldPanel("is_correct")],
    ),
    FieldPanel("true_false_answer"),
    FieldPanel("accepted_answers"),
    FieldPanel("explanation"),
]


class QuizViewSet(ScopedSnippetViewSet):
    model = Quiz
    icon = "help"
    menu_label = _("测验")
    menu_name = "quizzes"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = True
    list_display = [
        "title",
        "studio",
        "organisation",
        Column("question_count", label=_("题数")),
        "pass_mark",
        "is_active",
        "updated_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["title", "studio__name", "organisation__name"]
    search_backend_name = None  # the ORM over search_fields
    ordering = "-updated_at"
    list_per_page = 30

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("description"),
                    FieldPanel("studio"),
                    FieldPanel("organisation"),
                    MultiFieldPanel(
                        [
                            FieldPanel("pass_mark"),
                            FieldPanel("max_attempts"),
                            FieldPanel("time_limit_minutes"),
                            FieldPanel("shuffle_questions"),
                            FieldPanel("shuffle_choices"),
                            FieldPanel("show_answers"),
                            FieldPanel("is_active"),
                        ],
                        heading=_("作答规则"),
                    ),
                ],
                heading=_("基本信息"),
            ),
            ObjectList(
                [InlinePanel("questions", label=_("题目"), heading=_("题目"), panels=QUESTION_PANELS)],
                heading=_("题目"),
            ),
        ],
        base_form_class=QuizAdminForm,
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        return quizzes_authored_by(user=request.user).annotate(question_count=Count("questions"))


register_snippet(QuizViewSet)
