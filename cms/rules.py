"""Permissions of the site pages that plain Django permissions cannot express."""

import rules

from accounts.rules import is_site_admin

# Linking a StudioPage to its Studio decides who may edit the page, so only the site admin does it.
rules.add_perm("cms.link_studio_page", is_site_admin)
