"""The database backend's index (used when ELASTICSEARCH_URL is not set: the embedded SQLite setup)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One findable document, as a feature's search source described it, plus its jieba words."""

    kind = models.CharField(_("类型"), max_length=40, help_text=_("登记该内容的来源类型，例如课程、课时。"))
    object_id = models.BigIntegerField(_("对象编号"), help_text=_("该内容在其所属应用中的编号。"))
    title = models.CharField(_("标题"), max_length=255, help_text=_("搜索结果中显示的标题。"))
    summary = models.TextField(_("摘要"), blank=True, help_text=_("简介或摘要，纯文本。"))
    body = models.TextField(_("正文"), blank=True, help_text=_("正文和视频字幕等可搜索的文字，纯文本。"))
    tags = models.TextField(_("标签"), blank=True, help_text=_("标签，以空格分隔。"))
    url = models.CharField(_("链接"), max_length=500, help_text=_("搜索结果指向的页面地址。"))
    published_at = models.DateTimeField(
        _("发布时间"), null=True, blank=True, help_text=_("内容首次发布的时间，用于排序。")
    )
    studio = models.CharField(_("工作室"), max_length=255, blank=True, help_text=_("所属工作室的名称。"))
    words = models.TextField(
        _("分词"), blank=True, help_text=_("标题、摘要、正文经结巴分词后的词语，以空格分隔。")
    )
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True, help_text=_("最近一次写入索引的时间。"))

    class Meta:
        verbose_name = _("搜索条目")
        verbose_name_plural = _("搜索条目")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_kind_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
