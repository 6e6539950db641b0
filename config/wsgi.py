"""The WSGI application: Django, with the playback heartbeat's lane in front (config/wsgi_lane.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

from config.wsgi_lane import WsgiLane  # noqa: E402  (after Django is set up)
from learning.api.heartbeat_lane import heartbeat_lane_answer  # noqa: E402

application = WsgiLane(django_application, url_name="v1:learning-heartbeat", answer=heartbeat_lane_answer)
