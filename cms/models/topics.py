"""专题: curated collections of courses, recordings and studio pages, chosen by union staff for a period."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..forms import TopicPageForm

#: What a topic may collect: a course, a lecture or salon, or a studio's page.
TOPIC_ITEM_PAGE_TYPES = ["learning.CoursePage", "recordings.RecordingPage", "cms.StudioPage"]


class TopicIndexPage(Page):
    """专题: every current topic, and the ones that have ended."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("专题列表上方的说明。"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.TopicPage"]
    max_count = 1

    class Meta:
        verbose_name = _("专题列表页")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from ..selectors import topics_current, topics_past

        context = super().get_context(request, *args, **kwargs)
        context["current_topics"] = topics_current(limit=None)
        context["past_topics"] = topics_past(limit=12)
        return context


class TopicPage(Page):
    """One topic: an introduction and an ordered list of pages, each with an optional note."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("发布组织"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("负责本专题的组织；工会干部只能管理本组织及下级组织的专题。"),
    )
    intro = models.TextField(_("专题介绍"), help_text=_("一两段话说明专题的主题和推荐理由。"))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("16:9 的封面图片，首页卡片使用。"),
    )
    starts_on = models.DateField(_("开始日期"), default=datetime.date.today, help_text=_("从这一天起在首页展示。"))
    ends_on = models.DateField(
        _("结束日期"), null=True, blank=True, help_text=_("这一天之后不再在首页展示；留空表示长期。")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        FieldPanel("intro"),
        FieldPanel("cover"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("展示时间")),
        InlinePanel("items", heading=_("专题内容"), label=_("内容"), min_num=1),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = TopicPageForm

    parent_page_types = ["cms.TopicIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from ..selectors import topic_entries

        context = super().get_context(request, *args, **kwargs)
        context["entries"] = topic_entries(topic=self)
        return context


class TopicItem(Orderable):
    topic = ParentalKey(TopicPage, related_name="items", on_delete=models.CASCADE, verbose_name=_("专题"))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("课程、讲座与沙龙，或工作室主页。"),
    )
    note = models.CharField(_("推荐语"), max_length=200, blank=True, help_text=_("可选：为什么推荐这一项。"))

    panels = [PageChooserPanel("page", page_type=TOPIC_ITEM_PAGE_TYPES), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("专题内容")
        verbose_name_plural = _("专题内容")

    def clean(self) -> None:
        if self.page_id:
            allowed = {label.lower() for label in TOPIC_ITEM_PAGE_TYPES}
            content_type = self.page.content_type
            if f"{content_type.app_label}.{content_type.model}" not in allowed:
                raise ValidationError({"page": _("专题只能收录课程、讲座与沙龙或工作室主页。")})
