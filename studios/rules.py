import rules

from accounts.rules import is_site_admin, is_union_staff
from organisations.rules import manages_organisation

from .selectors import studio_is_member


@rules.predicate
def is_studio_member(user, studio) -> bool:  # type: ignore[no-untyped-def]
    return studio is not None and studio_is_member(studio=studio, user=user)


@rules.predicate
def manages_studio_organisation(user, studio) -> bool:  # type: ignore[no-untyped-def]
    return studio is not None and manages_organisation(user, studio.organisation)


can_manage_studio = is_site_admin | (is_union_staff & manages_studio_organisation)

rules.add_perm("studios.manage_studio", can_manage_studio)
rules.add_perm("studios.edit_studio_page", is_studio_member | is_site_admin)
