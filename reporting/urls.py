from django.urls import path

from .views import exports, pages

app_name = "reporting"

urlpatterns = [
    path("", pages.overview, name="overview"),
    path("required/", pages.required, name="required"),
    path("required/<int:assignment_id>/", pages.required_detail, name="required_detail"),
    path("learners/", pages.learners, name="learners"),
    path("people/<int:person_id>/", pages.person, name="person"),
    path("export/overview.xlsx", exports.overview_xlsx, name="overview_xlsx"),
    path("export/required.xlsx", exports.required_xlsx, name="required_xlsx"),
    path("export/learners.xlsx", exports.learners_xlsx, name="learners_xlsx"),
]
