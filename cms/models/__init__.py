"""The CMS's models: site pages and featured items, topic collections, and the review workflow task."""

from .pages import (
    CARD_RENDITION,
    GALLERY_RENDITION,
    HERO_RENDITION,
    FeaturedItem,
    HomePage,
    StandardPage,
    StudioIndexPage,
    StudioPage,
    image_prefetch,
)
from .topics import TopicIndexPage, TopicItem, TopicPage
from .workflow import OrganisationStaffApprovalTask

__all__ = [
    "CARD_RENDITION",
    "GALLERY_RENDITION",
    "HERO_RENDITION",
    "FeaturedItem",
    "HomePage",
    "OrganisationStaffApprovalTask",
    "StandardPage",
    "StudioIndexPage",
    "StudioPage",
    "TopicIndexPage",
    "TopicItem",
    "TopicPage",
    "image_prefetch",
]
