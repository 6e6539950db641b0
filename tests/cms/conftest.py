import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded images and their renditions go to a per-test directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sections(site_pages, org_tree):  # type: ignore[no-untyped-def]
    """Studios A and B with their pages and recordings indexes (tests/recordings/factories.py)."""
    from tests.recordings.factories import sections_build

    return sections_build(site_pages=site_pages, org_tree=org_tree)
