"""The project's URLs plus two baselines for bench/course_pages.py, rendered through the same middleware,
template engine and context processors as the real pages:

* ``/bench/bare/``: a trivial template (one paragraph, no base template, no database);
* ``/bench/shell/``: ``base.html`` with an empty content block (the site's header and footer).
"""

if __name__ == "__main__":  # `make bench` runs every bench/*.py: this one is a URL module
    print("bench/course_pages_urls.py is the URL module of bench/course_pages.py; nothing to run.")
    raise SystemExit(0)

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

_BARE = engines["django"].from_string("<!DOCTYPE html><title>{{ title }}</title><p>{{ title }}</p>")
_SHELL = engines["django"].from_string('{% extends "base.html" %}{% block content %}<h1>{{ title }}</h1>{% endblock %}')


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_BARE.render({"title": "课程中心"}, request))


def shell(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_SHELL.render({"title": "课程中心"}, request))


urlpatterns = [path("bench/bare/", bare), path("bench/shell/", shell), *project_urlpatterns]
