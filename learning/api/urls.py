from django.urls import path

from . import views

urlpatterns = [  # heartbeats first: the API's busiest request (every ~10 s per learner playing a video)
    path("learning/heartbeats/", views.HeartbeatView.as_view(), name="learning-heartbeat"),
    path("learning/courses/", views.CourseListView.as_view(), name="learning-courses"),
    path("learning/courses/<int:course_id>/enroll/", views.EnrollView.as_view(), name="learning-enroll"),
    path("learning/courses/<int:course_id>/progress/", views.CourseProgressView.as_view(), name="learning-course-progress"),
    path("learning/my/", views.MyCoursesView.as_view(), name="learning-my"),
    path("learning/heartbeats/batch/", views.HeartbeatBatchView.as_view(), name="learning-heartbeat-batch"),
    path("learning/lessons/<int:lesson_id>/resume/", views.ResumeView.as_view(), name="learning-resume"),
    path("learning/lessons/<int:lesson_id>/pages/", views.DocumentPagesView.as_view(), name="learning-document-pages"),
    path("learning/lessons/<int:lesson_id>/read/", views.TextReadView.as_view(), name="learning-text-read"),
    path("learning/people/<int:person_id>/ledger/", views.PersonLedgerView.as_view(), name="learning-person-ledger"),
]
