"""The foundation a newcomer meets first: log in (Swedish by default), log out, password reset by
mail, the language switch, /healthz/, and Min sida for every demo account."""
from __future__ import annotations

import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import DEMO_ROLES

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"


def test_the_login_page_is_swedish_by_default(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "<h1>Logga in</h1>" in html
    assert "Glömt lösenordet?" in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/"


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_each_demo_account_logs_in_and_sees_min_sida(demo, role):
    client = Client()
    response = client.post(LOGIN, {"username": role, "password": "demo"}, REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 302, f"{role} could not log in"
    assert response.url == reverse("governance:home")
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Min sida</h1>" in html
    from governance.people.models import User

    user = User.objects.get(username=role)
    assert user.get_full_name() in html
    assert user.organisation.name in html


def test_a_wrong_password_is_refused_with_a_message(demo):
    response = Client().post(LOGIN, {"username": "chair", "password": "fel"}, REMOTE_ADDR="10.0.0.6")
    assert response.status_code == 200
    assert "_auth_user_id" not in response.wsgi_request.session
    assert "alert" in response.content.decode()


def test_logout_by_post(demo, login):
    client = login("chair")
    assert client.get("/").status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert client.get("/").status_code == 302


def test_logout_by_get_is_refused(demo, login):
    client = login("chair")
    assert client.get(reverse("logout")).status_code == 405
    assert client.get("/").status_code == 200


def test_password_reset_sends_a_mail_with_a_working_link(demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = Client()
    response = client.post(reverse("password_reset"), {"email": "chair@samordna.example"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chair@samordna.example"]
    assert "chair" in message.body
    link = re.search(r"https?://[^/\s]+(/konto/aterstall/[^\s]+/)", message.body)
    assert link, message.body
    # The link leads to a form (Django redirects to a session-bound URL first).
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    assert 'name="new_password1"' in page.content.decode()
    done = client.post(page.redirect_chain[-1][0] if page.redirect_chain else link.group(1),
                       {"new_password1": "Ett-nytt-lösenord-2026", "new_password2": "Ett-nytt-lösenord-2026"})
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert Client().post(LOGIN, {"username": "chair", "password": "Ett-nytt-lösenord-2026"}).status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(demo):
    response = Client().post(reverse("password_reset"), {"email": "ingen@example.org"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 0


def test_the_language_switch_shows_english_and_back(demo, login):
    client = login("chair")
    assert "<h1>Min sida</h1>" in client.get("/").content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html and "<h1>My page</h1>" in html
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert "<h1>Min sida</h1>" in client.get("/").content.decode()


def test_the_language_switch_ignores_a_foreign_next(demo, login):
    client = login("chair")
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response.url


def test_healthz_reports_the_database(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client, settings):
    settings.REDIS_URL = ""

    from django.db import OperationalError

    with mock.patch("governance.home.views.connection") as conn:
        conn.cursor.side_effect = OperationalError("could not connect")
        response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"].startswith("error")


def test_healthz_is_503_when_redis_is_configured_but_unreachable(client, settings):
    from django.core.cache import caches

    dead = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.REDIS_URL = dead
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": dead,
                                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    try:
        response = client.get("/healthz/")
    finally:
        caches["default"].close()
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("error")


def test_healthz_with_a_real_redis(client, settings, redis_url):
    settings.REDIS_URL = redis_url
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
    response = client.get("/healthz/")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


def test_min_sida_shows_organisation_and_roles(demo, login):
    html = login("chair").get("/").content.decode()
    assert "Länsstyrelsen i Jönköpings län" in html
    assert "Styrgruppen" in html
    html = login("communicator").get("/").content.decode()
    assert "Informatörsnätverket" in html


def test_seed_demo_scale_adds_years_of_history_and_is_idempotent(db):
    """`seed_demo --scale N` (the benchmark's data): about N years — here N=2 — and a second run
    changes nothing."""
    import io

    from django.core.management import call_command

    from governance.meetings.models import Meeting
    from governance.people.models import User

    def counts():
        out = {"users": User.objects.count(), "meetings": Meeting.objects.count()}
        for label, path in [("plans", "annualplan.models.Plan"), ("invoices", "fees.models.Invoice")]:
            module, cls = path.rsplit(".", 1)
            try:
                out[label] = getattr(__import__(module, fromlist=[cls]), cls).objects.count()
            except (ImportError, AttributeError):
                out[label] = None
        return out

    call_command("seed_demo", force=True, scale=2, stdout=io.StringIO())
    first = counts()
    assert first["users"] >= 200
    assert first["meetings"] >= 500
    if first["plans"] is not None:
        assert first["plans"] >= 2
    call_command("seed_demo", force=True, scale=2, stdout=io.StringIO())
    assert counts() == first


def test_liveness_asks_nothing_and_readiness_asks_the_database(client, settings, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz/live/").json() == {"status": "ok"}
    assert client.get("/healthz/ready/").json()["checks"]["database"] == "ok"


def test_liveness_stays_200_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert client.get("/healthz/live/").status_code == 200
