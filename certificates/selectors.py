"""Reads of certificates: a learner's own, the public verification lookup, staff scoping."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from organisations.selectors import scope_for_user

from .models import Certificate, certificate_code_normalise

if TYPE_CHECKING:
    from accounts.models import User


def certificates_for_user(*, user: User) -> QuerySet[Certificate]:
    """The certificates a user has received (revoked ones included, flagged), newest first."""
    if not getattr(user, "is_authenticated", False):
        return Certificate.objects.none()
    return Certificate.objects.filter(recipient=user).order_by("-issued_on", "-created_at")


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with ``code`` as typed (case, dashes and spaces ignored), or None."""
    normalised = certificate_code_normalise(code)
    if not normalised:
        return None
    return Certificate.objects.filter(code=normalised).first()


def certificates_manageable_by(*, user: Any) -> QuerySet[Certificate]:
    """Certificates of learners in the user's organisation subtree (site admin: all)."""
    qs = Certificate.objects.select_related("recipient")
    return scope_for_user(qs, user=user, field="recipient__organisation")


def recipient_name_masked(name: str) -> str:
    """张伟 → 张*, 张小伟 → 张*伟, 欧阳小明 → 欧**明; Latin names keep their first letter."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name or "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
