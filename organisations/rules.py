import rules

from accounts.rules import is_site_admin, is_union_staff

from .selectors import organisation_is_within


@rules.predicate
def manages_organisation(user, organisation) -> bool:  # type: ignore[no-untyped-def]
    """Union staff manage their own node and everything below it."""
    if organisation is None:
        return False
    return organisation_is_within(organisation=organisation, ancestor=user.organisation)


can_manage_organisation = is_site_admin | (is_union_staff & manages_organisation)

rules.add_perm("organisations.manage_organisation", can_manage_organisation)
