from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("在线学习")

    def ready(self) -> None:
        from assessments.signals import attempt_passed

        from . import signal_handlers
        from .signals import course_completed

        attempt_passed.connect(signal_handlers.on_attempt_passed, dispatch_uid="learning.attempt_passed")
        course_completed.connect(signal_handlers.on_course_completed, dispatch_uid="learning.course_completed")
