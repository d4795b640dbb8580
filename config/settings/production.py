"""Production: PostgreSQL, Redis, real SMTP, HTTPS behind a proxy. SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL are required; there are no defaults for them here."""
from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Every local account with staff or superuser rights gives a second factor after its password
# (TOTP or a recovery code; governance/people/second_factor.py). Not configurable here.
SECOND_FACTOR_REQUIRED = True
# Behind the TLS proxy the README prescribes: one proxy, unless TRUSTED_PROXIES says otherwise.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=1)
AXES_IPWARE_PROXY_COUNT = max(TRUSTED_PROXIES - 1, 0)
