"""Shapes of the organisation API: nodes of the union tree with their place in it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisations.models import Organisation, OrganisationKind


def _ancestor_paths(path: str) -> list[str]:
    step = Organisation.steplen
    return [path[:end] for end in range(step, len(path), step)]


class OrganisationRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text=_("组织唯一代码。"))
    name = serializers.CharField(read_only=True, help_text=_("组织全称。"))
    display_name = serializers.CharField(read_only=True, help_text=_("简称，未设置时为全称。"))
    kind = serializers.ChoiceField(
        choices=OrganisationKind.choices, read_only=True, help_text=_("组织类型。")
    )


class OrganisationListSerializer(serializers.ListSerializer):
    """Loads the ancestors of every node on the page in one query."""

    def to_representation(self, data: Any) -> list[Any]:
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.context.setdefault("ancestors", {}).update(_ancestors_by_path(items))
        return super().to_representation(items)


def _ancestors_by_path(organisations: Iterable[Organisation]) -> dict[str, Organisation]:
    paths = {p for org in organisations for p in _ancestor_paths(org.path)}
    if not paths:
        return {}
    return {org.path: org for org in Organisation.objects.filter(path__in=paths)}


class OrganisationSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类型名称。"))
    display_name = serializers.CharField(read_only=True, help_text=_("简称，未设置时为全称。"))
    depth = serializers.IntegerField(read_only=True, help_text=_("层级：市总工会为 1，往下逐级加 1。"))
    parent = serializers.SerializerMethodField(help_text=_("上级组织代码，顶层为空。"))
    ancestors = serializers.SerializerMethodField(help_text=_("从顶层到上级的各级组织，按层级排列。"))
    children_count = serializers.IntegerField(
        source="numchild", read_only=True, help_text=_("直接下级的数量。")
    )

    class Meta:
        model = Organisation
        fields = [
            "code",
            "name",
            "short_name",
            "display_name",
            "kind",
            "kind_display",
            "depth",
            "parent",
            "ancestors",
            "children_count",
            "address",
            "contact_phone",
        ]
        read_only_fields = fields
        list_serializer_class = OrganisationListSerializer

    def _ancestors(self, organisation: Organisation) -> list[Organisation]:
        known: dict[str, Organisation] = self.context.setdefault("ancestors", {})
        paths = _ancestor_paths(organisation.path)
        if any(p not in known for p in paths):
            known.update(_ancestors_by_path([organisation]))
        return [known[p] for p in paths if p in known]

    def get_parent(self, organisation: Organisation) -> str | None:
        ancestors = self._ancestors(organisation)
        return ancestors[-1].code if ancestors else None

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_ancestors(self, organisation: Organisation) -> list[dict[str, Any]]:
        return OrganisationRefSerializer(self._ancestors(organisation), many=True).data


class OrganisationListParamsSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        label=_("类型"), choices=OrganisationKind.choices, required=False, help_text=_("只列出该类型的组织。")
    )
    parent = serializers.SlugRelatedField(
        label=_("上级组织代码"),
        slug_field="code",
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("只列出该组织的直接下级。"),
        error_messages={"does_not_exist": _("组织代码“{value}”不存在。")},
    )
    q = serializers.CharField(
        label=_("关键词"), required=False, allow_blank=True, max_length=60, help_text=_("按名称或简称搜索。")
    )
