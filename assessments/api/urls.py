from django.urls import path

from .views import (
    AttemptAnswersView,
    AttemptDetailView,
    AttemptResultView,
    AttemptStartView,
    AttemptSubmitView,
    QuizDetailView,
)

urlpatterns = [
    path("assessments/quizzes/<int:pk>/", QuizDetailView.as_view(), name="assessments-quiz-detail"),
    path("assessments/quizzes/<int:pk>/attempts/", AttemptStartView.as_view(), name="assessments-attempt-start"),
    path("assessments/attempts/<int:pk>/", AttemptDetailView.as_view(), name="assessments-attempt-detail"),
    path("assessments/attempts/<int:pk>/answers/", AttemptAnswersView.as_view(), name="assessments-attempt-answers"),
    path("assessments/attempts/<int:pk>/submit/", AttemptSubmitView.as_view(), name="assessments-attempt-submit"),
    path("assessments/attempts/<int:pk>/result/", AttemptResultView.as_view(), name="assessments-attempt-result"),
]
