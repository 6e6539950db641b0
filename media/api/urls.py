from django.urls import path

from .views import (
    SubtitleUploadView,
    UploadCreateView,
    UploadDetailView,
    VideoDetailView,
    VideoListView,
    VideoRegenerateView,
    VideoRetryView,
)

urlpatterns = [
    path("media/uploads/", UploadCreateView.as_view(), name="media-upload-create"),
    path("media/uploads/<uuid:pk>/", UploadDetailView.as_view(), name="media-upload-detail"),
    path("media/videos/", VideoListView.as_view(), name="media-video-list"),
    path("media/videos/<uuid:uid>/", VideoDetailView.as_view(), name="media-video-detail"),
    path("media/videos/<uuid:uid>/retry/", VideoRetryView.as_view(), name="media-video-retry"),
    path("media/videos/<uuid:uid>/regenerate/", VideoRegenerateView.as_view(), name="media-video-regenerate"),
    path("media/videos/<uuid:uid>/subtitles/", SubtitleUploadView.as_view(), name="media-video-subtitles"),
]
