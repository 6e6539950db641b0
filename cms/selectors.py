from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone
from wagtail.models import Page, TaskState

from accounts.models import Role, User
from organisations.models import Organisation
from organisations.selectors import (
    organisation_is_within,
    scope_for_user,
    scope_root_for_user,
    user_sees_everything,
)

from .models import (
    CARD_RENDITION,
    FeaturedItem,
    StudioPage,
    TopicItem,
    TopicPage,
    image_prefetch,
)

if TYPE_CHECKING:
    from .models import OrganisationStaffApprovalTask


def featured_items_active(*, at: datetime.datetime | None = None, limit: int = 8) -> QuerySet[FeaturedItem]:
    """Items inside their publish window at ``at`` (now by default), in the order staff arranged them."""
    at = at or timezone.now()
    return (
        FeaturedItem.objects.filter(starts_at__lte=at)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))
        .select_related("page")
        .prefetch_related(image_prefetch("image", CARD_RENDITION))
        .order_by("sort_order", "-starts_at", "pk")[:limit]
    )


# --- topics (专题) ---------------------------------------------------------------------------------
def _topics_live() -> QuerySet[TopicPage]:
    return (
        TopicPage.objects.live()
        .public()
        .select_related("organisation")
        .prefetch_related(image_prefetch("cover", CARD_RENDITION))
    )


def topics_current(*, on: datetime.date | None = None, limit: int | None = 4) -> QuerySet[TopicPage]:
    """Published topics inside their date window on ``on`` (today by default), newest first."""
    on = on or timezone.localdate()
    topics = (
        _topics_live()
        .filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by("-starts_on", "-pk")
    )
    return topics[:limit] if limit else topics


def topics_past(*, on: datetime.date | None = None, limit: int = 12) -> QuerySet[TopicPage]:
    on = on or timezone.localdate()
    return _topics_live().filter(ends_on__lt=on).order_by("-ends_on", "-pk")[:limit]


def topic_entries(*, topic: TopicPage) -> list[dict[str, Any]]:
    """The topic's items in order, each with its live page (specific); unpublished pages are left out."""
    items = list(TopicItem.objects.filter(topic=topic).order_by("sort_order", "pk"))
    pages = Page.objects.filter(pk__in=[item.page_id for item in items]).live().public().specific()
    by_id = {page.pk: page for page in pages}
    entries = []
    for item in items:
        page = by_id.get(item.page_id)
        if page is not None:
            entries.append({"page": page, "note": item.note, "kind": page.specific_class._meta.verbose_name})
    return entries


# --- review of studio content ----------------------------------------------------------------------
def page_review_organisation(*, page: Page) -> Organisation | None:
    """The organisation a page is reviewed for: that of the studio whose section holds it."""
    studio_page = (
        StudioPage.objects.ancestor_of(page, inclusive=True).select_related("studio__organisation").first()
    )
    return studio_page.studio.organisation if studio_page is not None else None


def user_can_review_page(*, user: Any, page: Page) -> bool:
    """The site admin, or union staff whose subtree contains the page's organisation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user_sees_everything(user=user):
        return True
    root = scope_root_for_user(user=user)
    return root is not None and organisation_is_within(organisation=page_review_organisation(page=page), ancestor=root)


def page_reviewers(*, page: Page) -> QuerySet[User]:
    """The union staff who may review ``page``: those of its organisation and of every organisation above."""
    organisation = page_review_organisation(page=page)
    if organisation is None:
        return User.objects.none()
    chain = [*organisation.get_ancestors(), organisation]
    return User.objects.filter(role=Role.UNION_STAFF, is_active=True, organisation__in=chain).order_by("pk")


def task_states_reviewable(*, task: OrganisationStaffApprovalTask, user: Any) -> QuerySet[TaskState]:
    """In-progress task states of ``task`` on pages inside the studio sections the user supervises."""
    states = task.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
    if user_sees_everything(user=user):
        return states
    if scope_root_for_user(user=user) is None:
        return TaskState.objects.none()
    sections = scope_for_user(StudioPage.objects.all(), user=user, field="studio__organisation")
    page_ids = (
        Page.objects.filter(Exists(sections.filter(path=Substr(OuterRef("path"), 1, Length("path")))))
        .annotate(object_id=Cast("pk", CharField()))
        .values("object_id")
    )
    return states.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=page_ids,
    )
