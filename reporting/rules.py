"""Who may open the learning reports: union staff (their organisation subtree) and site admins.

Workers and masters may not; a unit or a person outside the staff member's subtree is not found (404).
"""

import rules

from accounts.rules import is_site_admin, is_union_staff
from learning.rules import manages_person
from organisations.rules import manages_organisation

can_view_reports = is_site_admin | is_union_staff
can_view_unit_report = is_site_admin | (is_union_staff & manages_organisation)
can_view_person_report = is_site_admin | (is_union_staff & manages_person)

rules.add_perm("reporting.view_reports", can_view_reports)
rules.add_perm("reporting.view_unit_report", can_view_unit_report)
rules.add_perm("reporting.view_person_report", can_view_person_report)
