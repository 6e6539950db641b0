"""Load the demo content through the apps' own services. Idempotent: every object is looked up by its
natural key first, so running the loader again creates nothing twice and leaves edits made since alone.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page, Site

from accounts.models import User
from accounts.services import user_create
from organisations.models import Organisation
from organisations.services import organisation_create
from recordings.models import RecordingChapter, RecordingIndexPage, RecordingPage
from studios.models import OnboardingCampaign, Studio, StudioLevel
from studios.services import studio_create, studio_mark_online

from ..models import (
    FeaturedItem,
    HomePage,
    StandardPage,
    StudioIndexPage,
    StudioPage,
    TopicIndexPage,
    TopicItem,
    TopicPage,
)
from . import data
from .common import DemoLoadReport, image_ensure, page_ensure, page_publish
from .course_loader import courses_ensure, learning_activity_ensure

WAGTAIL_DEFAULT_TITLE = "Welcome to your new Wagtail site!"


@transaction.atomic
def demo_data_load(*, now: datetime.datetime | None = None) -> DemoLoadReport:
    """Create the demo organisations, people, studios, images, pages, courses and featured items where missing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = DemoLoadReport()

    organisations = _organisations_ensure(report=report)
    users = _users_ensure(organisations=organisations, report=report)
    admin = users[data.ADMIN.username]
    images = _images_ensure(report=report)
    _campaign_ensure(year=today.year, report=report)
    studios = _studios_ensure(
        organisations=organisations, users=users, images=images, today=today, report=report
    )

    home = _home_page_ensure(user=admin, report=report)
    index = page_ensure(
        parent=home,
        page=StudioIndexPage(
            title=data.STUDIO_INDEX.title, slug=data.STUDIO_INDEX.slug, intro=data.STUDIO_INDEX.intro
        ),
        user=admin,
        report=report,
    )
    about = page_ensure(
        parent=home,
        page=StandardPage(
            title=data.ABOUT.title,
            slug=data.ABOUT.slug,
            intro=data.ABOUT.intro,
            body=_about_body(image=images.get(data.ABOUT_IMAGE_TITLE)),
        ),
        user=admin,
        report=report,
    )
    pages: dict[str, Page] = {data.ABOUT.slug: about}
    for spec in data.STUDIOS:
        studio = studios[spec.slug]
        pages[spec.slug] = _studio_page_ensure(
            index=index, studio=studio, spec=spec, user=admin, report=report
        )

    course_pages = courses_ensure(home=home, studio_pages=pages, studios=studios, user=admin, report=report)
    pages.update(course_pages)
    learning_activity_ensure(
        course_pages=course_pages, organisations=organisations, users=users, today=today, report=report
    )

    pages.update(
        _recordings_ensure(home=home, pages=pages, users=users, user=admin, today=today, report=report)
    )
    _topics_ensure(home=home, pages=pages, organisations=organisations, user=admin, today=today, report=report)

    _featured_ensure(
        pages=pages,
        organisations=organisations,
        images=images,
        author=users[data.UNION_STAFF[0].username],
        now=now,
        report=report,
    )
    return report


# --- organisations and people --------------------------------------------------------------------
def _organisations_ensure(*, report: DemoLoadReport) -> dict[str, Organisation]:
    found = {
        org.code: org for org in Organisation.objects.filter(code__in=[o.code for o in data.ORGANISATIONS])
    }
    for spec in data.ORGANISATIONS:  # parents come before their children
        if spec.code in found:
            report.note("organisations", created=False)
            continue
        node = organisation_create(
            name=spec.name,
            code=spec.code,
            kind=spec.kind,
            parent=found[spec.parent] if spec.parent else None,
            short_name=spec.short_name,
        )
        found[spec.code] = node
        report.note("organisations", created=True)
    return found


def _users_ensure(*, organisations: dict[str, Organisation], report: DemoLoadReport) -> dict[str, User]:
    specs = data.people()
    found = {user.username: user for user in User.objects.filter(username__in=[p.username for p in specs])}
    # One hash for every new demo account: they share a published password, and hashing it once
    # keeps the loader fast with production-strength hashers.
    password_hash: str | None = None
    for spec in specs:
        if spec.username in found:
            report.note("users", created=False)
            continue
        if password_hash is None:
            password_hash = make_password(data.DEMO_PASSWORD)
        user = user_create(
            username=spec.username,
            real_name=spec.real_name,
            mobile=spec.mobile,
            organisation=organisations[spec.organisation] if spec.organisation else None,
            role=spec.role,
            email=f"{spec.username}@{data.EMAIL_DOMAIN}",
            employer=spec.employer,
            trade=spec.trade,
            skill_level=spec.skill_level,
            employee_number=spec.employee_number,
        )
        user.password = password_hash
        user.save(update_fields=["password"])
        found[spec.username] = user
        report.note("users", created=True)
    return found


# --- images, campaign and studios ----------------------------------------------------------------
def _images_ensure(*, report: DemoLoadReport) -> dict[str, Image]:
    images: dict[str, Image] = {}
    for number, spec in enumerate(data.STUDIOS):
        title = data.cover_title(spec)
        images[title] = image_ensure(
            title=title,
            palette=spec.palette,
            seed=number + 1,
            filename=f"demo-{spec.slug}.jpg",
            report=report,
        )
    images[data.ABOUT_IMAGE_TITLE] = image_ensure(
        title=data.ABOUT_IMAGE_TITLE,
        palette=data.ABOUT_IMAGE_PALETTE,
        seed=101,
        filename="demo-alliance.jpg",
        report=report,
    )
    return images


def _campaign_ensure(*, year: int, report: DemoLoadReport) -> OnboardingCampaign:
    campaign = OnboardingCampaign.objects.filter(year=year).first()
    if campaign is not None:
        report.note("campaigns", created=False)
        return campaign
    campaign = OnboardingCampaign.default_for(year)  # the plan's deadlines: 7/31 and 8/31
    campaign.full_clean()
    campaign.save()
    report.note("campaigns", created=True)
    return campaign


def online_date_for(spec: data.StudioSpec, *, today: datetime.date) -> datetime.date | None:
    """This year's 上线进网 date of a demo studio, never in the future.

    Loaded before a studio's planned day, a studio meant to be on time is already online (a few days
    ago), and a studio meant to be late is not online yet.
    """
    if spec.online is None:
        return None
    planned = datetime.date(today.year, *spec.online)
    if planned <= today:
        return planned
    deadline = (
        datetime.date(today.year, 7, 31)
        if spec.level != StudioLevel.NONE
        else datetime.date(today.year, 8, 31)
    )
    if planned > deadline:
        return None
    return max(datetime.date(today.year, 1, 1), today - datetime.timedelta(days=spec.palette % 5))


def _studios_ensure(
    *,
    organisations: dict[str, Organisation],
    users: dict[str, User],
    images: dict[str, Image],
    today: datetime.date,
    report: DemoLoadReport,
) -> dict[str, Studio]:
    found = {s.slug: s for s in Studio.objects.filter(slug__in=[s.slug for s in data.STUDIOS])}
    for spec in data.STUDIOS:
        if spec.slug in found:
            report.note("studios", created=False)
            continue
        studio = studio_create(
            name=spec.name,
            slug=spec.slug,
            lead=users[spec.lead],
            organisation=organisations[spec.organisation],
            industry=spec.industry,
            members=[users[username] for username in spec.members],
            level=spec.level,
            founded_on=spec.founded_on,
            profile=spec.profile,
            cover=images[data.cover_title(spec)],
        )
        online_on = online_date_for(spec, today=today)
        if online_on is not None:
            studio = studio_mark_online(studio=studio, on=online_on)
        found[spec.slug] = studio
        report.note("studios", created=True)
    return found


# --- pages ---------------------------------------------------------------------------------------
def _heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _paragraphs(texts: Iterable[str]) -> dict[str, Any]:
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}


def _about_body(*, image: Image | None) -> list[dict[str, Any]]:
    body: list[dict[str, Any]] = [
        {
            "type": "quote",
            "value": {
                "text": "使各级各类创新工作室由“点”成“面”、聚“线”成“网”，带动师带徒、匠带兵行动持续深化。",
                "attribution": "《郑州市总工会推进劳模和工匠人才创新工作室联盟建设实施方案》",
            },
        }
    ]
    for number, (heading, paragraphs) in enumerate(data.ABOUT.sections):
        body += [_heading(heading), _paragraphs(paragraphs)]
        if number == 0 and image is not None:
            body.append(
                {
                    "type": "image",
                    "value": {"image": image.pk, "caption": "", "alt": ""},  # decorative illustration
                }
            )
    return body


def _studio_page_ensure(
    *, index: Page, studio: Studio, spec: data.StudioSpec, user: User, report: DemoLoadReport
) -> Page:
    existing = StudioPage.objects.filter(studio=studio).first()
    if existing is not None:
        report.note("pages", created=False)
        return existing
    page = StudioPage(
        title=studio.name,
        slug=studio.slug,
        studio=studio,
        intro=spec.intro,
        body=[_heading("创新成果"), _paragraphs([studio.profile])],
    )
    return page_ensure(parent=index, page=page, user=user, report=report)


def _is_untouched_wagtail_default(page: Page) -> bool:
    return (
        page.specific_class is Page
        and page.title == WAGTAIL_DEFAULT_TITLE
        and page.numchild == 0
        and not page.revisions.exists()
    )


def _home_page_ensure(*, user: User, report: DemoLoadReport) -> HomePage:
    """The site's HomePage; the first run replaces Wagtail's untouched “Welcome” page with it."""
    home = HomePage.objects.first()
    if home is not None:
        report.note("pages", created=False)
        return home
    root = Page.get_first_root_node()
    for page in root.get_children():
        if _is_untouched_wagtail_default(page):
            Site.objects.filter(root_page=page).update(root_page=root)  # a Site would cascade with its page
            page.delete()
            root = Page.objects.get(pk=root.pk)
    slug = "home" if not root.get_children().filter(slug="home").exists() else "jianglian"
    home = HomePage(
        title="首页",
        slug=slug,
        hero_title=data.HOME_HERO_TITLE,
        hero_intro=data.HOME_HERO_INTRO,
        body=[item for heading, texts in data.HOME_BODY for item in (_heading(heading), _paragraphs(texts))],
    )
    root.add_child(instance=home)
    page_publish(home, user=user)
    report.note("pages", created=True)

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.filter(root_page=root).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = data.HOME_TITLE
    site.save()
    Site.objects.filter(root_page=root).update(root_page=home)
    return home


# --- lectures and salons, and topics ----------------------------------------------------------------
def _recordings_ensure(
    *,
    home: HomePage,
    pages: dict[str, Page],
    users: dict[str, User],
    user: User,
    today: datetime.date,
    report: DemoLoadReport,
) -> dict[str, Page]:
    """The site-wide list, one list in each studio section that has recordings, and the recordings
    themselves (no video: the demo ships no footage; the page says so)."""
    indexes: dict[str, Page] = {
        "": page_ensure(
            parent=home,
            page=RecordingIndexPage(
                title=data.RECORDING_INDEX.title, slug=data.RECORDING_INDEX.slug, intro=data.RECORDING_INDEX.intro
            ),
            user=user,
            report=report,
        )
    }
    found: dict[str, Page] = {}
    for spec in data.RECORDINGS:
        if spec.studio not in indexes:
            indexes[spec.studio] = page_ensure(
                parent=pages[spec.studio],
                page=RecordingIndexPage(title=data.STUDIO_RECORDING_INDEX_TITLE, slug=data.RECORDING_INDEX.slug),
                user=user,
                report=report,
            )
        index = indexes[spec.studio]
        existing = RecordingPage.objects.filter(slug=spec.slug).first()
        if existing is not None:
            report.note("pages", created=False)
            found[spec.slug] = existing
            continue
        page = RecordingPage(
            title=spec.title,
            slug=spec.slug,
            kind=spec.kind,
            held_on=data.recording_date(spec, today=today),
            venue=spec.venue,
            guest_speakers=spec.guest_speakers,
            organiser=spec.organiser,
            summary=spec.summary,
        )
        page.speakers = [users[username] for username in spec.speakers]
        page.chapters = [RecordingChapter(start=start, title=title) for start, title in spec.chapters]
        found[spec.slug] = page_ensure(parent=index, page=page, user=user, report=report)
    return found


def _topics_ensure(
    *,
    home: HomePage,
    pages: dict[str, Page],
    organisations: dict[str, Organisation],
    user: User,
    today: datetime.date,
    report: DemoLoadReport,
) -> None:
    index = page_ensure(
        parent=home,
        page=TopicIndexPage(title=data.TOPIC_INDEX.title, slug=data.TOPIC_INDEX.slug, intro=data.TOPIC_INDEX.intro),
        user=user,
        report=report,
    )
    for spec in data.TOPICS:
        topic = TopicPage(
            title=spec.title,
            slug=spec.slug,
            organisation=organisations[spec.organisation],
            intro=spec.intro,
            starts_on=today + datetime.timedelta(days=spec.starts),
            ends_on=today + datetime.timedelta(days=spec.ends) if spec.ends is not None else None,
        )
        topic.items = [TopicItem(page=pages[slug], note=note) for slug, note in spec.items]
        page_ensure(parent=index, page=topic, user=user, report=report)


# --- featured items ------------------------------------------------------------------------------
def _featured_ensure(
    *,
    pages: dict[str, Page],
    organisations: dict[str, Organisation],
    images: dict[str, Image],
    author: User,
    now: datetime.datetime,
    report: DemoLoadReport,
) -> None:
    existing = set(
        FeaturedItem.objects.filter(title__in=[f.title for f in data.FEATURED]).values_list(
            "title", flat=True
        )
    )
    covers = {spec.slug: images[data.cover_title(spec)] for spec in data.STUDIOS}
    for order, spec in enumerate(data.FEATURED):
        if spec.title in existing:
            report.note("featured items", created=False)
            continue
        if spec.page_slug not in pages:  # its part of the demo is switched off (bench/demo_loader.py)
            continue
        item = FeaturedItem(
            title=spec.title,
            summary=spec.summary,
            page=pages[spec.page_slug],
            image=(
                covers.get(spec.image_of_studio)
                or getattr(pages[spec.page_slug], "cover", None)  # a course's cover
                or images.get(data.ABOUT_IMAGE_TITLE)
            ),
            organisation=organisations[spec.organisation],
            starts_at=now + datetime.timedelta(days=spec.starts),
            ends_at=now + datetime.timedelta(days=spec.ends) if spec.ends is not None else None,
            sort_order=order,
            created_by=author,
        )
        item.full_clean()
        item.save()
        report.note("featured items", created=True)


# --- the logins table ----------------------------------------------------------------------------
def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def demo_logins_table() -> str:
    """A plain-text table of the demo accounts to try, aligned for CJK terminals."""
    names = {
        p.username: (p.real_name, data.employer_of(p.organisation) if p.organisation else "")
        for p in data.people()
    }
    rows = [("角色 role", "登录名 login", "密码 password", "姓名 / 单位")]
    for role, username in data.LOGINS_SHOWN:
        real_name, unit = names[username]
        rows.append((role, username, data.DEMO_PASSWORD, f"{real_name} {unit}".strip()))
    widths = [max(_width(row[col]) for row in rows) for col in range(len(rows[0]))]
    lines = ["  ".join(_pad(cell, widths[col]) for col, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
