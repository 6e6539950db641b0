"""Certificate API: my certificates (signed in), and the public verification of a code."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from certificates.models import Certificate
from certificates.selectors import certificate_by_code, certificates_for_user

from .serializers import CertificateSerializer, CertificateVerifySerializer


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("我的证书"), description=gettext_lazy("当前用户获得的证书，最新的在前。"))
)
class MyCertificatesViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = CertificateSerializer
    queryset = Certificate.objects.none()

    def get_queryset(self) -> QuerySet[Certificate]:
        if getattr(self, "swagger_fake_view", False):
            return Certificate.objects.none()
        return certificates_for_user(user=self.request.user)


class VerifyThrottle(AnonRateThrottle):
    rate = "60/min"  # codes are 80-bit random: throttling only keeps scrapers polite


class CertificateVerifyView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [VerifyThrottle]

    @extend_schema(
        summary=gettext_lazy("查验证书"),
        description=gettext_lazy("按证书编号（不区分大小写，可带连字符）查验真伪；无需登录，姓名部分隐去。"),
        responses=CertificateVerifySerializer,
    )
    def get(self, request: Request, code: str) -> Response:
        certificate = certificate_by_code(code=code)
        if certificate is None:
            raise Http404(_("没有找到该编号的证书。"))
        return Response(CertificateVerifySerializer(certificate).data)
