"""Site pages: home, generic pages, the studio index and each studio's profile page, and featured content."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from studios.models import Industry, StudioLevel

from ..blocks import BodyBlock

#: The rendition every card (featured item, studio) uses; selectors prefetch exactly this one.
CARD_RENDITION = "fill-640x360"
#: The cover at the top of a studio's page.
HERO_RENDITION = "fill-960x540"
#: The rendition of a studio's gallery photos.
GALLERY_RENDITION = "fill-480x360"


def image_prefetch(lookup: str, *filter_specs: str) -> models.Prefetch:
    """Prefetch an image FK together with its renditions, so cards cost no query per item."""
    from wagtail.images import get_image_model

    return models.Prefetch(lookup, queryset=get_image_model().objects.prefetch_renditions(*filter_specs))


class HomePage(Page):
    hero_title = models.CharField(
        _("主标题"), max_length=80, blank=True, help_text=_("首页顶部的大标题，留空则使用页面标题。")
    )
    hero_intro = models.TextField(_("导语"), blank=True, help_text=_("首页顶部标题下的一两句话。"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("正文"), help_text=_("首页下方的自由内容。"))

    content_panels = [*Page.content_panels, FieldPanel("hero_title"), FieldPanel("hero_intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StudioIndexPage",
        "cms.StandardPage",
        "cms.TopicIndexPage",
        "learning.CourseIndexPage",
        "recordings.RecordingIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from learning.models import CourseIndexPage
        from recordings.models import RecordingIndexPage
        from recordings.selectors import recordings_for_cards, recordings_live

        from ..selectors import featured_items_active, topics_current

        context = super().get_context(request, *args, **kwargs)
        context["featured_items"] = featured_items_active()
        context["current_topics"] = topics_current(limit=4)
        context["recording_index"] = RecordingIndexPage.objects.live().filter(studio__isnull=True).first()
        context["latest_recordings"] = recordings_for_cards(recordings_live())[:3]
        context["studio_index"] = StudioIndexPage.objects.live().first()
        context["course_index"] = CourseIndexPage.objects.live().first()
        # Cards link to each studio's page, so list the pages of studios that are online.
        context["latest_studios"] = (
            StudioPage.objects.live()
            .filter(studio__online_on__isnull=False)
            .select_related("studio", "studio__lead", "studio__organisation")
            .prefetch_related(image_prefetch("studio__cover", CARD_RENDITION))
            .order_by("-studio__online_on", "title")[:6]
        )
        return context


class StandardPage(Page):
    intro = models.TextField(_("导语"), blank=True, help_text=_("标题下方的简短说明。"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("正文"), help_text=_("页面正文。"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("普通页面")


class StudioIndexPage(Page):
    intro = models.TextField(_("导语"), blank=True, help_text=_("工作室列表上方的说明。"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StudioPage"]
    max_count = 1
    per_page = 12

    class Meta:
        verbose_name = _("工作室列表页")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        industry = request.GET.get("industry", "")
        level = request.GET.get("level", "")
        q = request.GET.get("q", "").strip()[:50]
        pages = (
            StudioPage.objects.child_of(self)
            .live()
            .select_related("studio", "studio__lead", "studio__organisation")
            .prefetch_related(image_prefetch("studio__cover", CARD_RENDITION))
            .order_by("title")
        )
        if industry in Industry.values:
            pages = pages.filter(studio__industry=industry)
        if level in StudioLevel.values:
            pages = pages.filter(studio__level=level)
        if q:
            pages = pages.filter(models.Q(title__icontains=q) | models.Q(studio__lead__real_name__icontains=q))
        paginator = Paginator(pages, self.per_page)
        context.update(
            page_obj=paginator.get_page(request.GET.get("page")),
            industries=Industry.choices,
            levels=StudioLevel.choices,
            selected={"industry": industry, "level": level, "q": q},
        )
        return context


class StudioPage(Page):
    studio = models.OneToOneField(
        "studios.Studio",
        verbose_name=_("工作室"),
        on_delete=models.PROTECT,
        related_name="page",
        help_text=_("本主页展示的工作室档案。"),
    )
    intro = models.TextField(_("一句话介绍"), blank=True, help_text=_("列表卡片和主页顶部显示。"))
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("主页内容"), help_text=_("成果、团队、技艺介绍等。")
    )

    # Only the site admin links a page to a studio: members editing their page must not be able to
    # re-point it at another studio (the field is left out of their form entirely).
    content_panels = [
        *Page.content_panels,
        FieldPanel("studio", permission="cms.link_studio_page"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.StudioIndexPage"]
    # The studio's section: its courses and its lectures and salons, authored by its members.
    subpage_types = ["learning.CoursePage", "recordings.RecordingIndexPage"]

    class Meta:
        verbose_name = _("工作室主页")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from studios.selectors import campaign_for_year, studio_is_member, studio_onboarding

        context = super().get_context(request, *args, **kwargs)
        studio = (
            type(self.studio)
            .objects.select_related("lead", "organisation")
            .prefetch_related(image_prefetch("cover", HERO_RENDITION))
            .get(pk=self.studio_id)
        )
        context["studio"] = studio
        context["onboarding"] = studio_onboarding(studio=studio, campaign=campaign_for_year())
        context["members"] = studio.members.exclude(pk=studio.lead_id).order_by("real_name")
        context["photos"] = studio.photos.prefetch_related(image_prefetch("image", GALLERY_RENDITION)).all()
        context["can_edit"] = studio_is_member(studio=studio, user=request.user)
        return context


class FeaturedItem(models.Model):
    """A curated item on the home page, chosen by union staff, shown within its publish window."""

    title = models.CharField(_("标题"), max_length=80, help_text=_("卡片标题。"))
    summary = models.CharField(_("摘要"), max_length=200, blank=True, help_text=_("一两句话的说明。"))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("链接页面"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("点击卡片打开的站内页面。"),
    )
    external_url = models.URLField(_("外部链接"), blank=True, help_text=_("不链接站内页面时填写。"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("卡片图片，建议 16:9。"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("发布组织"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("负责本推荐内容的组织；工会干部只能管理本组织及下级的推荐。"),
    )
    starts_at = models.DateTimeField(_("开始展示"), default=timezone.now, help_text=_("从此时起在首页展示。"))
    ends_at = models.DateTimeField(_("结束展示"), null=True, blank=True, help_text=_("到此时停止展示；留空表示长期。"))
    sort_order = models.IntegerField(_("排序"), default=0, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    sort_order_field = "sort_order"
    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("page"),
        FieldPanel("external_url"),
        FieldPanel("image"),
        FieldPanel("organisation"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
    ]

    class Meta:
        verbose_name = _("首页推荐")
        verbose_name_plural = _("首页推荐")
        ordering = ["sort_order", "-starts_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if not self.page_id and not self.external_url:
            errors["page"] = _("请选择站内页面或填写外部链接。")
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("结束展示时间必须晚于开始展示时间。")
        if errors:
            raise ValidationError(errors)

    @property
    def url(self) -> str:
        return self.page.url if self.page_id and self.page else self.external_url

    def is_live(self, at: datetime.datetime | None = None) -> bool:
        """Whether the item is inside its publish window at ``at`` (now by default)."""
        at = at or timezone.now()
        return self.starts_at <= at and (self.ends_at is None or self.ends_at > at)

    is_live.short_description = _("当前展示中")  # type: ignore[attr-defined]
