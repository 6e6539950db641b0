"""Settings for bench/heartbeat.py only: the production settings plus one bare JSON view to compare with.

Production URLs are untouched; this module points ROOT_URLCONF at bench/heartbeat_urls.py. Plain HTTP on
loopback (no SSL redirect); LOG_LEVEL comes from the bench (WARNING: no access log line per request).
"""

if __name__ == "__main__":  # `make bench` runs every bench/*.py: this one is a settings module
    print("bench/heartbeat_settings.py is the settings module of bench/heartbeat.py; nothing to run.")
    raise SystemExit(0)

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789-abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from config.settings.production import *  # noqa: F403
from config.settings.production import DATABASES

ROOT_URLCONF = "bench.heartbeat_urls"
DATABASES["default"]["CONN_MAX_AGE"] = 600  # persistent connections, as production (CONN_MAX_AGE), for the run
