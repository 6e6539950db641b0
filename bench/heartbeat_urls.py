"""The project's URLs plus /api/v1/bench/bare/, a plain Django JSON view as the baseline: under the API prefix,
so it gets exactly what the middleware does for API requests."""

if __name__ == "__main__":  # `make bench` runs every bench/*.py: this one is a URL module
    print("bench/heartbeat_urls.py is the URL module of bench/heartbeat.py; nothing to run.")
    raise SystemExit(0)

import json

from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project_urlpatterns


@csrf_exempt
def bare(request: HttpRequest) -> JsonResponse:
    """Parse the same JSON body and answer with a small JSON document; no database."""
    payload = json.loads(request.body or b"{}")
    return JsonResponse({"ok": True, "lesson": payload.get("lesson")})


urlpatterns = [path("api/v1/bench/bare/", bare), *project_urlpatterns]
