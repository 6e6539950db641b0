from django.urls import path

from . import views

urlpatterns = [
    path("reports/overview/", views.OverviewView.as_view(), name="reports-overview"),
    path("reports/required/", views.RequiredView.as_view(), name="reports-required"),
    path("reports/required/<int:assignment_id>/pending/", views.RequiredPendingView.as_view(),
         name="reports-required-pending"),
    path("reports/learners/", views.LearnersView.as_view(), name="reports-learners"),
]
