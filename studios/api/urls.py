from rest_framework.routers import SimpleRouter

from .views import StudioViewSet

router = SimpleRouter()
router.register("studios", StudioViewSet, basename="studio")

urlpatterns = router.urls
