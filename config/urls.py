from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("config.api")),
    path("accounts/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("videos/", include("media.urls")),
    path("learning/", include("learning.urls")),
    path("quizzes/", include("assessments.urls")),
    path("certificates/", include("certificates.urls")),
    path("reports/", include("reporting.urls")),
    path("search/", include("search.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if not settings.AWS_STORAGE_BUCKET_NAME:  # local file storage: the site serves its own uploads
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))

urlpatterns.append(path("", include(wagtail_urls)))
