"""The project's URLs plus three reference views under the API prefix:

* /api/v1/bench/bare/ — a plain Django JSON view through Django's whole middleware stack: the baseline of the
  goal (heartbeat ≥ 50 % of it);
* /api/v1/bench/drf/ — a heartbeat-shaped DRF view with the work taken out: DRF with the project's token
  authentication (one prepared query), the heartbeat's reading of the body and the same answer, nothing
  recorded. It shows what the API framework alone costs;
* /api/v1/bench/heartbeat-in-django/ — the heartbeat's own DRF view at another address, which the WSGI lane
  (config/wsgi_lane.py, learning/api/heartbeat_lane.py) does not serve: the same heartbeats recorded through
  Django's middleware and DRF, to show what the lane saves.
"""

if __name__ == "__main__":  # `make bench` runs every bench/*.py: this one is a URL module
    print("bench/heartbeat_urls.py is the URL module of bench/heartbeat.py; nothing to run.")
    raise SystemExit(0)

import json

from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import urlpatterns as project_urlpatterns
from learning.api.serializers import heartbeat_parse, playback_data
from learning.api.views import HeartbeatView
from learning.services import LessonPlayback


@csrf_exempt
def bare(request: HttpRequest) -> JsonResponse:
    """Parse the same JSON body and answer with a small JSON document; no database."""
    payload = json.loads(request.body or b"{}")
    return JsonResponse({"ok": True, "lesson": payload.get("lesson")})


class DrfOnly(APIView):
    """Token-authenticated, body read as the heartbeat reads it, an answer of the same shape; nothing recorded."""

    def post(self, request: Request) -> Response:
        beat = heartbeat_parse(request.data)
        lesson = beat.lesson_id if beat else 0
        return Response(playback_data(LessonPlayback(lesson_id=lesson, duration=0, played_seconds=0, position=0, completed=False)))


urlpatterns = [
    path("api/v1/bench/bare/", bare),
    path("api/v1/bench/drf/", DrfOnly.as_view()),
    path("api/v1/bench/heartbeat-in-django/", HeartbeatView.as_view()),
    *project_urlpatterns,
]
