import pytest

from tests.recordings.factories import sections_build


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded documents go to a per-test directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sections(site_pages, org_tree):  # type: ignore[no-untyped-def]
    return sections_build(site_pages=site_pages, org_tree=org_tree)
