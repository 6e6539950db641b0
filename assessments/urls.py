from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.my_attempts, name="my_attempts"),
    path("<int:pk>/", views.quiz_take, name="quiz_take"),
    path("<int:pk>/start/", views.quiz_start, name="quiz_start"),
    path("attempts/<int:pk>/", views.attempt_take, name="attempt_take"),
    path("attempts/<int:pk>/save/", views.attempt_save, name="attempt_save"),
    path("attempts/<int:pk>/submit/", views.attempt_submit, name="attempt_submit"),
    path("attempts/<int:pk>/result/", views.attempt_result, name="attempt_result"),
]
