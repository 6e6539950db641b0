"""The Wagtail chooser for processed videos: lessons, lectures and salon recordings pick one in a FieldPanel.

    from media.widgets import VideoChooser
    FieldPanel("video", widget=VideoChooser)      # or just FieldPanel("video"): the widget is registered

Only videos that are ready to play and that the editor manages (their own uploads; union staff: their
organisation subtree; the site admin: all) are offered.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Video, VideoStatus
from .selectors import videos_for_user


class VideoFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("搜索"),
        widget=forms.TextInput(attrs={"placeholder": _("按标题或文件名搜索")}),
        required=False,
    )

    def filter(self, objects: QuerySet[Video]) -> QuerySet[Video]:
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching, self.search_query = True, query
            objects = objects.filter(title__icontains=query) | objects.filter(original_name__icontains=query)
        return objects


class _VideoChooseMixin:
    request: Any
    filter_form_class = VideoFilterForm

    def get_object_list(self) -> QuerySet[Video]:
        return videos_for_user(user=self.request.user).filter(status=VideoStatus.READY)

    @property
    def columns(self) -> list[Column]:
        return [
            self.title_column,  # type: ignore[attr-defined]
            Column("duration", label=_("时长（秒）"), accessor=lambda v: f"{v.duration or 0:.0f}"),
            Column("resolution", label=_("分辨率"), accessor=lambda v: f"{v.width or 0}×{v.height or 0}"),
            Column("owner", label=_("上传人"), accessor=lambda v: getattr(v.owner, "display_name", "—")),
        ]


class VideoChooseView(_VideoChooseMixin, ChooseView):
    pass


class VideoChooseResultsView(_VideoChooseMixin, ChooseResultsView):
    pass


class VideoChooserViewSet(ChooserViewSet):
    model = Video
    icon = "media"
    choose_one_text = _("选择视频")
    choose_another_text = _("更换视频")
    edit_item_text = _("查看视频")
    page_title = _("选择已处理好的视频")
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView
    per_page = 20


video_chooser_viewset = VideoChooserViewSet("media_video_chooser", url_prefix="media/video-chooser")
