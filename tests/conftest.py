"""Fixtures shared by every test: a small organisation tree with people in it."""

import pytest

from organisations.models import OrganisationKind
from tests.accounts.factories import MasterFactory, SiteAdminFactory, UnionStaffFactory, UserFactory
from tests.organisations.factories import OrganisationFactory


@pytest.fixture
def org_tree(db):  # type: ignore[no-untyped-def]
    """市总工会 → 区A (→ 企业A1), 区B (→ 企业B1)."""
    city = OrganisationFactory(name="郑州市总工会", code="zz", kind=OrganisationKind.CITY_FEDERATION)
    district_a = OrganisationFactory(name="金水区总工会", code="jinshui", parent=city)
    district_b = OrganisationFactory(name="二七区总工会", code="erqi", parent=city)
    enterprise_a1 = OrganisationFactory(
        name="郑州煤矿机械集团", code="zmj", kind=OrganisationKind.ENTERPRISE, parent=district_a
    )
    enterprise_b1 = OrganisationFactory(
        name="郑州宇通客车", code="yutong", kind=OrganisationKind.ENTERPRISE, parent=district_b
    )
    return {"city": city, "a": district_a, "b": district_b, "a1": enterprise_a1, "b1": enterprise_b1}


@pytest.fixture
def people(org_tree):  # type: ignore[no-untyped-def]
    return {
        "admin": SiteAdminFactory(username="admin1"),
        "city_staff": UnionStaffFactory(username="citystaff", organisation=org_tree["city"]),
        "staff_a": UnionStaffFactory(username="staffa", organisation=org_tree["a"]),
        "staff_b": UnionStaffFactory(username="staffb", organisation=org_tree["b"]),
        "master_a": MasterFactory(username="mastera", organisation=org_tree["a1"]),
        "master_b": MasterFactory(username="masterb", organisation=org_tree["b1"]),
        "worker_a": UserFactory(username="workera", organisation=org_tree["a1"]),
    }


# The real Celery worker harness (tests/celery_worker.py): `celery_worker_process` (session) and
# `celery_worker` (per test, with transactional_db).
from tests.celery_worker import celery_worker, celery_worker_process  # noqa: E402, F401
from tests.playwright_browser import chromium_browser, phone_page  # noqa: E402, F401

# A studio's course (`studio_page`, `course`), used by the learning and reporting tests.
pytest_plugins = ["tests.learning.fixtures"]


# Site pages (tests/cms/pages.py): the default site's HomePage and the StudioIndexPage at /studios/.
@pytest.fixture
def site_pages(db):  # type: ignore[no-untyped-def]
    """{"home": HomePage at the root of the default site, "studio_index": StudioIndexPage at /studios/}."""
    from tests.cms.pages import site_pages_build

    return site_pages_build()


@pytest.fixture(autouse=True)
def default_language():  # type: ignore[no-untyped-def]
    """Every test starts in the site's default language: a request in English (LocaleMiddleware)
    leaves its language active in the thread, which would leak into the next test's messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
