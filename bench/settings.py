"""Settings for the benchmark server: production settings (DEBUG off, the production middleware,
CONN_MAX_AGE, the manifest-free static storage is not needed: whitenoise serves from the finders)
over plain HTTP on loopback, plus one extra URL — the ceiling view — through bench/urls.py, so the
portal's own URLconf (and the permission matrix) never sees it."""
import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from config.settings.production import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The demo's admin has no second-factor device: the benchmark measures the admin's list page, not the
# second-factor step in front of it (tests/security/test_second_factor.py tests that step).
SECOND_FACTOR_REQUIRED = False
