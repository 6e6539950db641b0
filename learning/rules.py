"""Who may see what in learning: a person's progress and ledger are theirs and their union staff's only."""

import rules

from accounts.rules import is_site_admin, is_union_staff
from organisations.selectors import organisation_is_within


@rules.predicate
def is_self(user, person) -> bool:  # type: ignore[no-untyped-def]
    return person is not None and user.is_authenticated and user.pk == person.pk


@rules.predicate
def manages_person(user, person) -> bool:  # type: ignore[no-untyped-def]
    """Union staff see the study records of people in their organisation subtree."""
    if person is None:
        return False
    return organisation_is_within(organisation=person.organisation, ancestor=user.organisation)


@rules.predicate
def manages_assignment(user, assignment) -> bool:  # type: ignore[no-untyped-def]
    if assignment is None:
        return True  # creating: the organisation is checked by the service
    return organisation_is_within(organisation=assignment.organisation, ancestor=user.organisation)


can_view_ledger = is_self | is_site_admin | (is_union_staff & manages_person)
can_inspect_ledgers = is_site_admin | is_union_staff
can_manage_assignment = is_site_admin | (is_union_staff & manages_assignment)

rules.add_perm("learning.view_person_ledger", can_view_ledger)
rules.add_perm("learning.inspect_ledgers", can_inspect_ledgers)
rules.add_perm("learning.manage_assignment", can_manage_assignment)
