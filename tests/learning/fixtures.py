"""Fixtures of a studio's course, shared by the learning and reporting tests (a plugin of tests/conftest.py)."""

import pytest

from tests.learning.factories import course_create, studio_page_for


@pytest.fixture
def studio_page(site_pages, org_tree):  # type: ignore[no-untyped-def]
    return studio_page_for(site_pages=site_pages, organisation=org_tree["a1"])


@pytest.fixture
def course(studio_page):  # type: ignore[no-untyped-def]
    return course_create(studio_page=studio_page, title="焊接安全")
