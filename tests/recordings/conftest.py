import pytest

from tests.cms.pages import studio_page_create
from tests.recordings.factories import recording_index_create
from tests.studios.factories import StudioFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded documents go to a per-test directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sections(site_pages, org_tree):  # type: ignore[no-untyped-def]
    """Two studios (A in 金水区, B in 二七区), each with its page and its recordings index, and the
    site-wide recordings index under the home page."""
    studio_a = StudioFactory(organisation=org_tree["a1"], name="甲数控工作室", slug="studio-a")
    studio_b = StudioFactory(organisation=org_tree["b1"], name="乙客车工作室", slug="studio-b")
    page_a = studio_page_create(studio=studio_a, index=site_pages["studio_index"])
    page_b = studio_page_create(studio=studio_b, index=site_pages["studio_index"])
    return {
        "home": site_pages["home"],
        "studio_a": studio_a,
        "studio_b": studio_b,
        "page_a": page_a,
        "page_b": page_b,
        "site_index": recording_index_create(parent=site_pages["home"], title="讲座与沙龙", slug="talks"),
        "index_a": recording_index_create(parent=page_a, title="讲座", slug="talks"),
        "index_b": recording_index_create(parent=page_b, title="讲座", slug="talks"),
    }
