from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import FeaturedItem


def featured_items_active(*, at: datetime.datetime | None = None, limit: int = 8) -> QuerySet[FeaturedItem]:
    at = at or timezone.now()
    return (
        FeaturedItem.objects.filter(starts_at__lte=at)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))
        .select_related("page", "image")
        .order_by("sort_order", "-starts_at")[:limit]
    )
