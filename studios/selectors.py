"""Reads of studios: public listings, staff scoping and the 上线进网 status."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.selectors import scope_for_user

from .models import OnboardingCampaign, Studio

if TYPE_CHECKING:
    from accounts.models import User


class OnboardingStatus(models.TextChoices):
    ONLINE_ON_TIME = "on_time", _("已按期上线")
    ONLINE_LATE = "late", _("已上线（逾期）")
    PENDING = "pending", _("待上线")
    OVERDUE = "overdue", _("逾期未上线")


@dataclass(frozen=True)
class StudioOnboarding:
    studio: Studio
    deadline: datetime.date
    status: OnboardingStatus


def studio_list(*, industry: str = "", level: str = "", organisation_path: str = "", q: str = "") -> QuerySet[Studio]:
    qs = Studio.objects.select_related("lead", "organisation", "cover")
    if industry:
        qs = qs.filter(industry=industry)
    if level:
        qs = qs.filter(level=level)
    if organisation_path:
        qs = qs.filter(organisation__path__startswith=organisation_path)
    if q:
        qs = qs.filter(models.Q(name__icontains=q) | models.Q(lead__real_name__icontains=q))
    return qs.order_by("name")


def studios_for_user(*, user: User) -> QuerySet[Studio]:
    """Studios a union staff member manages (their subtree); everything for the site admin."""
    return scope_for_user(Studio.objects.select_related("lead", "organisation"), user=user)


def studios_of_member(*, user: User) -> QuerySet[Studio]:
    if not user.is_authenticated:
        return Studio.objects.none()
    return Studio.objects.filter(models.Q(members=user) | models.Q(lead=user)).distinct()


def studio_is_member(*, studio: Studio, user: User) -> bool:
    if not user.is_authenticated:
        return False
    return studio.lead_id == user.pk or studio.members.filter(pk=user.pk).exists()


def campaign_for_year(*, year: int | None = None) -> OnboardingCampaign:
    """The campaign of ``year`` (this year by default); the plan's deadlines when none is configured."""
    year = year or timezone.localdate().year
    return OnboardingCampaign.objects.filter(year=year).first() or OnboardingCampaign.default_for(year)


def studio_onboarding(
    *, studio: Studio, campaign: OnboardingCampaign, today: datetime.date | None = None
) -> StudioOnboarding:
    today = today or timezone.localdate()
    deadline = campaign.deadline_for(studio)
    if studio.online_on is not None:
        status = OnboardingStatus.ONLINE_ON_TIME if studio.online_on <= deadline else OnboardingStatus.ONLINE_LATE
    else:
        status = OnboardingStatus.OVERDUE if today > deadline else OnboardingStatus.PENDING
    return StudioOnboarding(studio=studio, deadline=deadline, status=status)


def onboarding_summary(
    *, studios: QuerySet[Studio], campaign: OnboardingCampaign, today: datetime.date | None = None
) -> dict[str, int]:
    counts = {status.value: 0 for status in OnboardingStatus}
    for studio in studios:
        counts[studio_onboarding(studio=studio, campaign=campaign, today=today).status] += 1
    return counts
