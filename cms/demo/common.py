"""Helpers every part of the demo loader shares: the run's report, and find-or-create for pages and images."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import Page

from accounts.models import User
from learning.models import CourseIndexPage

from ..models import StudioIndexPage
from . import data
from .images import cover_image_bytes

#: Page types of which the site has one, wherever it sits: found by type, not by slug under a parent.
SINGLETON_PAGES: tuple[type[Page], ...] = (StudioIndexPage, CourseIndexPage)


@dataclass
class DemoLoadReport:
    """How many objects of each kind the run created, and how many it found already there."""

    created: Counter[str] = field(default_factory=Counter)
    existing: Counter[str] = field(default_factory=Counter)

    def note(self, kind: str, *, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1


def page_publish(page: Page, *, user: User) -> None:
    log(instance=page, action="wagtail.create", user=user)
    page.save_revision(user=user, log_action=False).publish(user=user)


def page_ensure(*, parent: Page, page: Page, user: User, report: DemoLoadReport) -> Page:
    """The page already there (a singleton by type, any other page by slug under ``parent``), or ``page``
    added under ``parent`` and published."""
    kind = type(page)
    lookup = kind.objects.all() if kind in SINGLETON_PAGES else kind.objects.child_of(parent).filter(slug=page.slug)
    existing = lookup.first()
    if existing is not None:
        report.note("pages", created=False)
        return existing
    parent.add_child(instance=page)
    page_publish(page, user=user)
    report.note("pages", created=True)
    return page


def image_ensure(*, title: str, palette: int, seed: int, filename: str, report: DemoLoadReport) -> Image:
    """The image titled ``title``, or a generated cover saved under that title."""
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is not None:
        report.note("images", created=False)
        return image
    content = cover_image_bytes(colours=data.PALETTES[palette % len(data.PALETTES)], seed=seed)
    image = Image(title=title, file=ImageFile(io.BytesIO(content), name=filename))
    image._set_image_file_metadata()
    image.save()
    report.note("images", created=True)
    return image
