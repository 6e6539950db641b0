"""/api/v1/: every app adds its routes under one versioned namespace, with the OpenAPI schema and docs."""

from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

v1_patterns = [
    path("", include("learning.api.urls")),  # first: its playback heartbeats are the API's busiest request
    path("", include("accounts.api.urls")),
    path("", include("organisations.api.urls")),
    path("", include("studios.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("media.api.urls")),
    path("", include("assessments.api.urls")),
    path("", include("certificates.api.urls")),
    path("", include("reporting.api.urls")),
    path("", include("search.api.urls")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="v1:schema"), name="redoc"),
    # the bare version root leads people (and a mobile developer's first curl) to the browsable docs
    path("", RedirectView.as_view(pattern_name="v1:docs", permanent=False), name="root"),
]

urlpatterns = [path("v1/", include((v1_patterns, "v1"), namespace="v1"))]
