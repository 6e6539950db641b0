"""Builders for the Wagtail page tree used by the CMS, studio and browser tests."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from cms.models import HomePage, StudioIndexPage, StudioPage
from studios.models import Studio


def _wagtail_root() -> Page:
    """The tree root Wagtail's migrations create; rebuilt if a transactional test flushed it."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code="zh-hans")
        root = Page.add_root(title="Root", slug="root")
    return root


def wagtail_roots_ensure() -> None:
    """The rows Wagtail's migrations create (locale, root page, root collection), rebuilt if a transactional
    test flushed them — e.g. before loading the demo data in a live-server test."""
    _wagtail_root()
    if not Collection.objects.exists():
        Collection.add_root(name="Root")


def site_pages_build() -> dict[str, Page]:
    """Home page at the root of the default site, with the studio index at /studios/."""
    root = _wagtail_root()
    home = root.add_child(
        instance=HomePage(
            title="匠联学堂",
            slug="jianglian",
            hero_title="劳模工匠在线学堂",
            hero_intro="郑州市劳模和工匠人才创新工作室联盟的学习与师带徒平台。",
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    index = home.add_child(instance=StudioIndexPage(title="创新工作室", slug="studios", intro="全市劳模和工匠人才创新工作室。"))
    return {"home": home, "studio_index": index}


def studio_page_create(*, studio: Studio, index: StudioIndexPage, intro: str = "", live: bool = True) -> StudioPage:
    page = StudioPage(title=studio.name, slug=studio.slug, studio=studio, intro=intro, live=live)
    return index.add_child(instance=page)


def image_create(*, title: str = "测试图片", width: int = 800, height: int = 450, color: str = "#b3261e"):  # type: ignore[no-untyped-def]
    """A real PNG stored through Wagtail's image model (renditions are generated from it)."""
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    image_file = ImageFile(buffer, name=f"{title}.png")
    return get_image_model().objects.create(title=title, file=image_file)
