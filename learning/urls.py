from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("courses/<int:course_id>/enroll/", views.enroll, name="enroll"),
]
