from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import CertificateVerifyView, MyCertificatesViewSet

router = SimpleRouter()
router.register("certificates", MyCertificatesViewSet, basename="certificate")

urlpatterns = [
    path("certificates/verify/<str:code>/", CertificateVerifyView.as_view(), name="certificate-verify"),
    *router.urls,
]
