from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..selectors import MAX_PAGE


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=_("关键词，多个关键词用空格分开，最多 100 个字。"))
    kind = serializers.CharField(required=False, allow_blank=True, help_text=_("只看一种内容：course（课程）、lesson（课时）、recording（讲座与沙龙）、studio（工作室）。"))
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_PAGE, help_text=_("页码，从 1 开始。"))


class SearchKindCountSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("内容类型。"))
    label = serializers.CharField(help_text=_("类型的名称。"))
    count = serializers.IntegerField(help_text=_("该类型的结果数（不受 kind 筛选影响）。"))


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("内容类型。"))
    object_id = serializers.IntegerField(help_text=_("内容的编号（页面编号）。"))
    title = serializers.CharField(help_text=_("标题，纯文本。"))
    title_html = serializers.CharField(help_text=_("标题，已转义的 HTML，命中的词在 <mark> 中。"))
    snippet_html = serializers.CharField(help_text=_("摘要片段，已转义的 HTML，命中的词在 <mark> 中。"))
    url = serializers.CharField(help_text=_("页面地址。"))
    studio = serializers.CharField(help_text=_("所属或主办工作室。"))
    published_at = serializers.DateTimeField(allow_null=True, help_text=_("首次发布时间。"))


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField(help_text=_("实际搜索的关键词。"))
    total = serializers.IntegerField(help_text=_("所选类型的结果总数。"))
    page = serializers.IntegerField(help_text=_("当前页码。"))
    num_pages = serializers.IntegerField(help_text=_("总页数。"))
    kinds = SearchKindCountSerializer(many=True, help_text=_("每种类型的结果数。"))
    results = SearchHitSerializer(many=True, help_text=_("本页的结果。"))
