"""Settings for the portal server the browser tests start in a subprocess: the test settings,
DEBUG off (as in production), static files served by whitenoise straight from the finders (no
collectstatic step), mail written to files so a journey can read a password-reset link."""
import os

from config.settings.test import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("E2E_MAIL_DIR", "/tmp/samordna-e2e-mail")
# The server is a separate process with its own database; the in-process eager Celery of the
# unit tests is what the demo uses too.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
