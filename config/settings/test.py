"""The test suite. DATABASE_URL / REDIS_URL as given; mail in memory unless a test says otherwise."""
import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Unit tests do not depend on Redis: cache in memory, sessions in the database, so a page's query
# count is the same on a laptop and in CI. Tests of the Redis cache/sessions configure them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Unit tests run tasks in-process; integration tests start a real worker against REDIS_URL.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
if not env.bool("CELERY_EAGER", default=True):
    # The integration tests' worker process (tests/integration/conftest.py): DATABASE_URL is the
    # test database, REDIS_URL the broker, EMAIL_URL the SMTP sink; tasks really go through Redis.
    from .base import EMAIL_CONFIG

    CELERY_TASK_ALWAYS_EAGER = False
    EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
    EMAIL_TIMEOUT = 10
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        # Sweep for unacknowledged tasks every second (kombu's default: about every 100 s).
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
    if env("CELERY_KEYPREFIX", default=""):
        # Each test session's broker keys (queue, unacknowledged tasks) under its own prefix: a worker
        # of another session (pytest-xdist), sweeping with a short visibility timeout, must not hand
        # this session's waiting retries out a second time.
        CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = env("CELERY_KEYPREFIX")
    NOTIFICATION_EMAIL_RETRY_BASE_SECONDS = env.float("EMAIL_RETRY_BASE_SECONDS", default=30)
    MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(MEDIA_ROOT))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, so a worker process in the integration tests sees the same test database.
    # One file per test run (pid), so two runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A test database is thrown away: a commit need not wait for its WAL to reach the disk. Without
    # this a run on a PostgreSQL with fsync on spends most of its setup waiting for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
# The password-reset mail limits (per address, per account; governance/people/accounts.py) out of
# the way of the tests that are not about them: every test client comes from one address. The tests
# of the limits set their own (tests/security/test_password_reset_limits.py).
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = 10_000
PASSWORD_RESET_PER_ACCOUNT_PER_HOUR = 10_000
