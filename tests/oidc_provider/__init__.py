"""A real OpenID Provider for the tests: django-oauth-toolkit (its OpenID Connect provider: discovery,
JWKS, the authorization endpoint with PKCE, token, userinfo, RP-initiated logout), configured here as
a small Django project of its own, with its own login page and database, and run by harness.py as a
separate process (gunicorn) on loopback. The portal talks to it over HTTP like to any agency's
provider; nothing of the portal is imported here."""
