"""The main navigation's “you are here”: which header link stands for the page being shown."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

#: Wagtail page types by the header section they belong to (course pages live in studio sections,
#: but a learner reaches them through 课程).
PAGE_SECTIONS = {
    "cms.homepage": "home",
    "cms.studioindexpage": "studios",
    "cms.studiopage": "studios",
    "learning.courseindexpage": "courses",
    "learning.coursepage": "courses",
    "learning.lessonpage": "courses",
    "recordings.recordingindexpage": "talks",
    "recordings.recordingpage": "talks",
}
#: Views outside the page tree, by the start of their path.
PATH_SECTIONS = (("/learning/", "learning"), ("/quizzes/", "learning"), ("/certificates/", "learning"))


def nav_section(context: Any) -> str:
    page = context.get("page")
    meta = getattr(page, "_meta", None)
    if meta is not None and meta.label_lower in PAGE_SECTIONS:
        return PAGE_SECTIONS[meta.label_lower]
    request = context.get("request")
    path = getattr(request, "path", "")
    return next((section for prefix, section in PATH_SECTIONS if path.startswith(prefix)), "")


@register.simple_tag(takes_context=True)
def nav_current(context: Any, section: str, href: str) -> SafeString:
    """` aria-current="page"` on the link to the page shown, ` aria-current="true"` on its section's link."""
    if nav_section(context) != section:
        return mark_safe("")
    request = context.get("request")
    exact = getattr(request, "path", None) == href
    return mark_safe(' aria-current="page"' if exact else ' aria-current="true"')
