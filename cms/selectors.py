from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import CARD_RENDITION, FeaturedItem, image_prefetch


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
