"""Who may download and revoke certificates; verifying one is public."""

import rules

from accounts.rules import is_site_admin, is_union_staff
from organisations.rules import manages_organisation


@rules.predicate
def is_recipient(user, certificate) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.is_active and certificate is not None and certificate.recipient_id == user.pk)


@rules.predicate
def manages_recipient(user, certificate) -> bool:  # type: ignore[no-untyped-def]
    return certificate is not None and manages_organisation(user, certificate.recipient.organisation)


can_manage_certificate = is_site_admin | (is_union_staff & manages_recipient)

rules.add_perm("certificates.download_certificate", is_recipient | can_manage_certificate)
rules.add_perm("certificates.revoke_certificate", can_manage_certificate)
