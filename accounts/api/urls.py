from django.urls import path

from .views import AuthTokenView, MeView

urlpatterns = [
    path("auth/token/", AuthTokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
]
