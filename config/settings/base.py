"""Settings shared by every environment. Everything configurable comes from the environment
(django-environ); every variable read here is listed in README.md."""
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    # The second factor of local staff accounts in production: TOTP, and recovery codes (static tokens).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_celery_beat",
    "governance",
    "annualplan",
    "fees",
    "webadmin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "governance.middleware.SwedishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Refuses an oversized body from its Content-Length, before the CSRF check reads it.
    "governance.middleware.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the user has given a second factor (django-otp: request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # The facts every permission is computed from, read once per request.
    "governance.authority.AuthorityScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # How far a sign-in holds (after the messages, which they leave): the session's absolute
    # lifetime, the second factor of local staff accounts, the agency account checked again at the
    # provider every few minutes (OpenID Connect).
    "governance.people.middleware.AbsoluteSessionLifetimeMiddleware",
    "governance.people.middleware.SecondFactorMiddleware",
    "governance.people.oidc.SessionRefresh",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "governance.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Default: a SQLite file for the demo. Production and CI: DATABASE_URL=postgres://...
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, sessions, Celery ------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Django's cache framework on Redis (django-redis), shared by every web process; it keeps the
    # sessions (cached_db: also in the database). IGNORE_EXCEPTIONS: while Redis does not answer, a
    # read is a miss and a write is skipped (logged), so an outage costs speed, never a page.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# --- Auth ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "governance.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Logging in, and the admin site's global model permissions for staff (governance/backends.py).
    "governance.backends.PortalModelBackend",
    # Signing in with the agency account (OpenID Connect; does nothing unless OIDC_ISSUER is set).
    # After the model backend, so that a test's force_login() stays a local log-in.
    "governance.people.oidc.PortalOIDCBackend",
    # Every portal right: the rules of each app (<app>/rules.py), computed from the facts of the
    # moment (governance/authority.py). guardian's own backend is not here: it cannot see the period
    # of a deputy's mandate (governance.Delegation), which the rules read instead.
    "rules.permissions.ObjectPermissionBackend",
]
# guardian is installed for its direct foreign-key permission model (governance.Delegation); its
# check asks for its backend, which would answer without the mandate's dates.
SILENCED_SYSTEM_CHECKS = ["guardian.W001"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "governance:home"
LOGOUT_REDIRECT_URL = "login"

# Guardian: no anonymous user row.
ANONYMOUS_USER_NAME = None

# Axes: lock a username *from one address*; colleagues behind the agency proxy are not locked out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address (the lock-out's key, the security log, the reset mails' limit) is taken
# through django-ipware (governance/clientip.py). TRUSTED_PROXIES is the number of reverse proxies in
# front of the portal (the TLS proxy the README prescribes: 1): the address is then the one the
# outermost of them wrote into X-Forwarded-For; what a client wrote there itself is ignored. With 0
# (the default, no proxy) X-Forwarded-For is not read at all and the address is REMOTE_ADDR.
# TRUSTED_PROXY_IPS (addresses or networks) limits that trust to requests that come from the proxy.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
TRUSTED_PROXY_IPS = env.list("TRUSTED_PROXY_IPS", default=[])
# ipware counts the proxies *listed* in X-Forwarded-For: the last proxy is REMOTE_ADDR, not listed.
AXES_IPWARE_PROXY_COUNT = max(TRUSTED_PROXIES - 1, 0)
AXES_IPWARE_PROXY_ORDER = "left-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",)
AXES_CLIENT_IP_CALLABLE = "governance.clientip.client_ip"
# Sign-ins with the agency account are not the local form's: the provider guards its own passwords.
AXES_WHITELIST_CALLABLE = "governance.people.oidc.not_a_password_attempt"

# Password-reset mails: at most this many per hour from one address, and per account (e-mail).
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env.int("PASSWORD_RESET_PER_ADDRESS", default=10)
PASSWORD_RESET_PER_ACCOUNT_PER_HOUR = env.int("PASSWORD_RESET_PER_ACCOUNT", default=3)

# The second factor (django-otp): a local account with staff or superuser rights must give a code
# from an authenticator app (TOTP) or a recovery code after its password. Always on in production
# (config/settings/production.py); off for the demo, whose accounts are exempt, and in the tests
# that do not turn it on. Accounts signed in with the agency account use the provider's factors.
SECOND_FACTOR_REQUIRED = env.bool("SECOND_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Samordna"
OTP_STATIC_THROTTLE_FACTOR = 1
RECOVERY_CODES = 10

# --- Sign-in with the agency account: OpenID Connect (mozilla-django-oidc) ----------------------
# Authorization code flow with PKCE and a nonce; the endpoints come from the issuer's discovery
# document (governance/people/oidc.py). Off unless OIDC_ISSUER is set; every variable is in README.md.
OIDC_ISSUER = env("OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", default="RS256")
OIDC_TOKEN_USE_BASIC_AUTH = env.bool("OIDC_TOKEN_BASIC_AUTH", default=False)
OIDC_CLAIM_ORGANISATION = env("OIDC_CLAIM_ORGANISATION", default="organisation")
OIDC_CLAIM_GIVEN_NAME = env("OIDC_CLAIM_GIVEN_NAME", default="given_name")
OIDC_CLAIM_FAMILY_NAME = env("OIDC_CLAIM_FAMILY_NAME", default="family_name")
OIDC_CLAIM_EMAIL = env("OIDC_CLAIM_EMAIL", default="email")
OIDC_CLAIM_USERNAME = env("OIDC_CLAIM_USERNAME", default="preferred_username")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the logout at the provider
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
OIDC_LEEWAY_SECONDS = 60  # clock skew allowed on the ID token's times
# The session is checked again at the provider (prompt=none) this often: an account disabled there
# stops working at the next page after it.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env.int("OIDC_RECHECK_MINUTES", default=5) * 60
OIDC_EXEMPT_URLS = ["logout", "healthz", "healthz_live", "healthz_ready", "set_language"]
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"

# Sessions: an idle timeout — the cookie's age is renewed on every request — and an absolute
# lifetime from the log-in, however busy the session (governance/people/middleware.py).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_HOURS", default=10) * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers ---------------------------------------------------------------------------
# Content Security Policy (django-csp; Django 6's SECURE_CSP needs Python 3.12). No inline
# script or style anywhere: templates use no style= attributes and no <script> bodies.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if OIDC_ISSUER:
    # Logging out ends the provider's session too: the logout form's answer redirects there.
    from urllib.parse import urlsplit as _urlsplit

    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        "{0.scheme}://{0.netloc}".format(_urlsplit(OIDC_ISSUER)))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- i18n / time ----------------------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: attachments go through permission-checked views
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_MB", default=10) * 1024 * 1024
# The largest request body taken at all (an attachment and the rest of its form); larger ones are
# refused from their Content-Length with a 413 page (governance.middleware.RequestSizeLimitMiddleware).
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_MB", default=ATTACHMENT_MAX_BYTES // (1024 * 1024) + 1) * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Attachments and uploaded files on an S3-compatible object store (django-storages), so several web
# machines share them: set the bucket; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        "default_acl": None,  # private objects: served only through the portal's permission-checked views
        "querystring_auth": True,
        "file_overwrite": False,
    }}

# --- E-mail ----------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Samordna <noreply@samordna.lansstyrelsen.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# The hour (Europe/Stockholm) the daily digests go out, and the weekly ones on Mondays
# (governance/notifications/digests.py).
DIGEST_HOUR = env.int("DIGEST_HOUR", default=7)

# --- Celery ------------------------------------------------------------------------------------------
# Without REDIS_URL tasks run in-process (the demo); with it, through Redis to worker processes.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# Longer than the longest task (the time limit), so an unacknowledged task is not handed out twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="samordna")

# --- Crispy forms ---------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The decision register's numbers: "{year}" and "{sequence}" (e.g. "SAM 2026/14"). A host agency with
# its own registry (diarium) may enter its numbers by hand instead when it records a decision.
DECISION_NUMBER_FORMAT = env("DECISION_NUMBER_FORMAT", default="SAM {year}/{sequence}")

# --- Portal extension points (config/settings/extensions.py) ------------------------------------
from config.settings.extensions import *  # noqa: E402,F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
