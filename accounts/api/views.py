"""Account API: obtain and revoke an access token, read and change one's own profile.

Login goes through ``django.contrib.auth.authenticate`` with the Django request, so the same backends
as the login page apply: django-axes counts failures and locks out, then ``MobileOrUsernameBackend``
checks the mobile number or username and the password.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, user_logged_in, user_logged_out
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.authtoken.models import Token
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.services import user_profile_update
from config.errors import ApplicationError

from .serializers import LoginSerializer, ProfileUpdateSerializer, TokenSerializer, UserSerializer


class LoginLockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = gettext_lazy("登录失败次数过多，账号已被暂时锁定，请稍后再试。")
    default_code = "locked_out"


def _lockout_message(request: Any) -> str:
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    if not cool_off:
        return _("登录失败次数过多，账号已被锁定，请联系管理员解锁。")
    minutes = max(1, round(cool_off.total_seconds() / 60))
    return _("登录失败次数过多，账号已被暂时锁定，请 %(minutes)s 分钟后再试。") % {"minutes": minutes}


class AuthTokenView(APIView):
    """POST: log in and receive the access token. DELETE: revoke it (log out on every device)."""

    def get_permissions(self) -> list[permissions.BasePermission]:
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def perform_authentication(self, request: Request) -> None:
        # Logging in needs no credentials: a stale token sent by the app must not block a new login.
        if request.method != "POST":
            super().perform_authentication(request)

    @extend_schema(
        operation_id="auth_token_create",
        summary=_("登录并获取访问令牌"),
        description=_(
            "用手机号或用户名和密码登录，返回访问令牌和用户资料。之后的请求带上请求头 "
            "Authorization: Token <令牌>。连续失败次数过多时账号会被暂时锁定（429）。"
        ),
        request=LoginSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description=_("手机号/用户名或密码不正确")),
            429: OpenApiResponse(description=_("失败次数过多，已被暂时锁定")),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        params = LoginSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        http_request = request._request  # axes records the attempt on the Django request
        user = authenticate(
            request=http_request,
            username=params.validated_data["login"].strip(),
            password=params.validated_data["password"],
        )
        if getattr(http_request, "axes_locked_out", False):
            # The API answers the lockout itself, in JSON; AxesMiddleware would render the HTML page.
            http_request.axes_locked_out = False
            raise LoginLockedOut(_lockout_message(http_request))
        if user is None:
            raise ApplicationError(_("手机号/用户名或密码不正确。"))
        token, _created = Token.objects.get_or_create(user=user)
        # the same signal as a page login: last_login is updated and axes resets the failure count
        user_logged_in.send(sender=user.__class__, request=http_request, user=user)
        data = {"token": token.key, "user": UserSerializer(user, context={"request": request}).data}
        return Response(data)

    @extend_schema(
        operation_id="auth_token_destroy",
        summary=_("注销访问令牌"),
        description=_("作废当前用户的访问令牌，所有设备上的登录随之失效。"),
        request=None,
        responses={204: None},
    )
    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        user_logged_out.send(sender=request.user.__class__, request=request._request, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """The signed-in user's own profile."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="me_retrieve",
        summary=_("当前用户资料"),
        description=_("当前登录用户的个人资料。"),
        responses={200: UserSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request.user, context={"request": request}).data)

    @extend_schema(
        operation_id="me_partial_update",
        summary=_("修改当前用户资料"),
        description=_(
            "只提交要修改的字段；上传头像时使用 multipart/form-data。"
            "校验不通过时返回 400 和中文说明，资料不做任何修改。"
        ),
        request=ProfileUpdateSerializer,
        responses={200: UserSerializer, 400: OpenApiResponse(description=_("资料校验未通过"))},
    )
    def patch(self, request: Request) -> Response:
        params = ProfileUpdateSerializer(data=request.data, partial=True)
        params.is_valid(raise_exception=True)
        user: User = User.objects.get(pk=request.user.pk)  # a fresh copy: a refused change leaves no trace
        user = user_profile_update(user=user, **params.validated_data)
        return Response(UserSerializer(user, context={"request": request}).data)
