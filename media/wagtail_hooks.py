"""The media app in the Wagtail admin: the 视频 menu (listing scoped per subtree with live progress,
upload, status, retry/regenerate) and the video chooser other apps use in their FieldPanels."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .choosers import video_chooser_viewset


class VideoMenuItem(MenuItem):
    """Shown to whoever manages or uploads videos: masters, union staff, the site admin."""

    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm("media.upload_video"))


admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("progress/", admin_views.progress, name="progress"),
    path("upload/", admin_views.upload, name="upload"),
    path("<uuid:uid>/", admin_views.detail, name="detail"),
    path("<uuid:uid>/retry/", admin_views.retry, name="retry"),
    path("<uuid:uid>/regenerate/", admin_views.regenerate, name="regenerate"),
]


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [path("videos/", include((admin_urlpatterns, "media_admin"), namespace="media_admin"))]


@hooks.register("register_admin_menu_item")
def register_videos_menu_item() -> MenuItem:
    return VideoMenuItem(_("视频"), reverse("media_admin:index"), icon_name="media", order=280)


@hooks.register("register_admin_viewset")
def register_video_chooser() -> Any:
    return video_chooser_viewset
