"""讲座 and 行业沙龙 recordings: an index (site-wide or a studio's section) and one page per event."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from .forms import RecordingPageForm
from .timecodes import seconds_to_timecode, timecode_to_seconds, validate_timecode


class RecordingKind(models.TextChoices):
    LECTURE = "lecture", _("讲座")
    SALON = "salon", _("行业沙龙")


def _studio_of_parent(page: Page) -> int | None:
    """The studio whose section holds ``page`` (its parent is a StudioPage or a studio's recording index)."""
    if not page.path or page.depth is None or page.depth <= 1:
        return None
    parent = page.get_parent()
    return getattr(parent.specific, "studio_id", None) if parent is not None else None


class RecordingIndexPage(Page):
    """讲座与沙龙: every recording of the site (under the home page) or of one studio (in its section)."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("列表上方的说明。"))
    studio = models.ForeignKey(
        "studios.Studio",
        verbose_name=_("所属工作室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recording_indexes",
        editable=False,
        help_text=_("放在工作室栏目下时自动确定；全站列表为空。"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.StudioPage"]
    subpage_types = ["recordings.RecordingPage"]
    per_page = 12

    class Meta:
        verbose_name = _("讲座与沙龙列表")
        verbose_name_plural = _("讲座与沙龙列表")

    def save(self, *args: Any, **kwargs: Any) -> None:
        # drafts are saved with Wagtail's minimal_clean, not full_clean: derive the studio here
        if self.studio_id is None:
            self.studio_id = _studio_of_parent(self)
        super().save(*args, **kwargs)

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        # one recordings index per studio section, one under the home page
        return super().can_create_at(parent) and not cls.objects.child_of(parent).exists()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import recording_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(recording_listing(index=self, params=request.GET))
        return context


class RecordingPage(Page):
    """One lecture or industry salon: when, where, who spoke, the video with chapters, and handouts."""

    kind = models.CharField(
        _("类型"), max_length=20, choices=RecordingKind.choices, default=RecordingKind.LECTURE,
        help_text=_("讲座或行业沙龙。"),
    )
    held_on = models.DateField(_("举办日期"), help_text=_("活动举办的日期。"))
    venue = models.CharField(_("地点"), max_length=120, blank=True, help_text=_("例如：郑州市职工文化中心三楼报告厅。"))
    speakers = ParentalManyToManyField(
        "accounts.User",
        verbose_name=_("主讲劳模工匠"),
        blank=True,
        related_name="recordings_spoken",
        limit_choices_to={"role": "master"},
        help_text=_("在平台注册的劳模、工匠主讲人。"),
    )
    guest_speakers = models.CharField(
        _("嘉宾"),
        max_length=300,
        blank=True,
        help_text=_("平台外的主讲人或嘉宾，用顿号或逗号分隔，例如：陈立新（郑州大学教授）、刘芳。"),
    )
    studio = models.ForeignKey(
        "studios.Studio",
        verbose_name=_("主办工作室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recordings",
        editable=False,
        help_text=_("由所在的工作室栏目自动确定。"),
    )
    organiser = models.CharField(
        _("主办单位"),
        max_length=120,
        blank=True,
        help_text=_("工作室以外的主办方，例如“郑州市创新工作室联盟装备制造分盟”；工作室栏目下可留空。"),
    )
    video = models.ForeignKey(
        "media.Video",
        verbose_name=_("视频"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("活动录像；可以先发布介绍，视频处理完成后再补充。"),
    )
    summary = models.TextField(_("内容摘要"), help_text=_("两三段话介绍活动主题和主要内容。"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("held_on")]),
                FieldPanel("venue"),
                FieldPanel("organiser"),
            ],
            heading=_("活动信息"),
        ),
        MultiFieldPanel([FieldPanel("speakers"), FieldPanel("guest_speakers")], heading=_("主讲人")),
        FieldPanel("summary"),
        FieldPanel("video"),  # media registers its chooser as the widget for Video
        InlinePanel("chapters", heading=_("章节"), label=_("章节"), help_text=_("按时间顺序列出视频的章节。")),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("guest_speakers"),
        index.FilterField("kind"),
        index.FilterField("held_on"),
    ]
    base_form_class = RecordingPageForm

    parent_page_types = ["recordings.RecordingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("讲座与沙龙")
        verbose_name_plural = _("讲座与沙龙")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The organising studio is the one whose section holds the recording (drafts included: Wagtail
        saves them with ``minimal_clean``, never ``full_clean``)."""
        if self.studio_id is None:
            self.studio_id = _studio_of_parent(self)
        super().save(*args, **kwargs)

    @cached_property
    def guest_speaker_list(self) -> list[str]:
        return [name.strip() for name in re.split(r"[、，,;；\n]", self.guest_speakers) if name.strip()]

    @property
    def organiser_label(self) -> str:
        return self.studio.name if self.studio_id and self.studio else self.organiser

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import recording_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(recording_detail(page=self))
        return context


class RecordingChapter(Orderable):
    page = ParentalKey(RecordingPage, related_name="chapters", on_delete=models.CASCADE, verbose_name=_("讲座"))
    start = models.CharField(
        _("开始时间"),
        max_length=8,
        validators=[validate_timecode],
        help_text=_("“分:秒”或“时:分:秒”，例如 05:30 或 1:02:03。"),
    )
    start_seconds = models.PositiveIntegerField(_("开始秒数"), default=0, editable=False)
    title = models.CharField(_("章节标题"), max_length=120, help_text=_("这一段讲了什么。"))

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        verbose_name = _("章节")
        verbose_name_plural = _("章节")

    def clean(self) -> None:
        try:
            self.start_seconds = timecode_to_seconds(self.start)
        except ValidationError as error:
            raise ValidationError({"start": error.messages}) from error
        self.start = seconds_to_timecode(self.start_seconds)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.start_seconds = timecode_to_seconds(self.start)
        super().save(*args, **kwargs)


class RecordingAttachment(Orderable):
    page = ParentalKey(
        RecordingPage, related_name="attachments", on_delete=models.CASCADE, verbose_name=_("讲座")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("文档"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("讲义、课件、资料等。"),
    )
    title = models.CharField(_("显示名称"), max_length=120, blank=True, help_text=_("留空则使用文档标题。"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def label(self) -> str:
        return self.title or self.document.title
