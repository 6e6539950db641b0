"""Settings for bench/heartbeat.py only: the project's settings plus one bare JSON view to compare with.

Production URLs are untouched; this module points ROOT_URLCONF at bench/heartbeat_urls.py.
"""

if __name__ == "__main__":  # `make bench` runs every bench/*.py: this one is a settings module
    print("bench/heartbeat_settings.py is the settings module of bench/heartbeat.py; nothing to run.")
    raise SystemExit(0)

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, LOGGING

DEBUG = False
SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789-abcdef"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.heartbeat_urls"
DATABASES["default"]["CONN_MAX_AGE"] = 600  # what production does (CONN_MAX_AGE), long enough for the run
AXES_ENABLED = False
LOGGING["root"] = {"handlers": LOGGING.get("root", {}).get("handlers", ["console"]), "level": "WARNING"}
