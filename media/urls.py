from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("", views.video_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("<uuid:uid>/", views.video_detail, name="detail"),
    path("<uuid:uid>/status/", views.video_status, name="status"),
    path("<uuid:uid>/retry/", views.video_retry, name="retry"),
    path("<uuid:uid>/regenerate/", views.video_regenerate, name="regenerate"),
    path("<uuid:uid>/subtitles/", views.subtitle_add, name="subtitle_add"),
    path("<uuid:uid>/subtitles/<str:language>/delete/", views.subtitle_remove, name="subtitle_delete"),
]
