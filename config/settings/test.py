"""Tests run on the real services that scripts/services.sh starts (PostgreSQL, Redis, Elasticsearch)."""

from .base import *  # noqa: F403
from .base import DATABASES, STATIC_ROOT, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# locmem unless overridden: the real Celery worker of tests/celery_worker.py is a separate process,
# so it writes its mail to files (EMAIL_BACKEND=…filebased.EmailBackend, EMAIL_FILE_PATH=<dir>).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
if env.str("EMAIL_FILE_PATH", default=""):
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH")
ALLOWED_HOSTS = ["*"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise RuntimeError(
        "测试必须在 PostgreSQL 上运行：请先执行 `make test`（它会启动本地 PostgreSQL），"
        "或设置 DATABASE_URL=postgres://…"
    )
DATABASES["default"]["CONN_MAX_AGE"] = 0
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it to exist
# Parallel runs on one PostgreSQL server (several checkouts, or a developer and CI) each need their own
# test database: TEST_DB_NAME=test_jianglian_2 (default: Django's test_<NAME>).
if env.str("TEST_DB_NAME", default=""):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str("TEST_DB_NAME")
