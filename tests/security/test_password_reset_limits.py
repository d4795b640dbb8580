"""Password-reset mails are limited per address and per account (Django's cache framework,
governance/people/accounts.py): a flood from one address gets a page that says to wait; one account
gets at most a few mails an hour, and the page says "sent" whatever happens, so the limit tells
nobody whether the account exists."""
from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR = 3
    settings.PASSWORD_RESET_PER_ACCOUNT_PER_HOUR = 2
    cache.clear()
    yield
    cache.clear()


def ask(email, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(reverse("password_reset"), {"email": email}, **extra)


def test_one_address_gets_a_few_and_then_a_page_that_says_wait():
    answers = [ask(f"person{i}@example.org", "192.0.2.1") for i in range(4)]
    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert "registration/password_reset_limited.html" in [t.name for t in answers[-1].templates]
    assert "Vänta en timme" in answers[-1].content.decode()
    assert ask("person9@example.org", "192.0.2.2").status_code == 302, "another address is not limited"


def test_one_account_gets_a_few_mails_and_the_page_says_sent_all_the_same():
    UserFactory(username="anna", email="anna@example.org")
    answers = [ask("anna@example.org", f"192.0.2.{i + 1}") for i in range(4)]
    assert all(a.status_code == 302 and a.url == reverse("password_reset_done") for a in answers)
    assert len(mail.outbox) == 2
    assert ask("ANNA@example.org ", "192.0.2.9").status_code == 302 and len(mail.outbox) == 2


def test_behind_the_proxy_the_limit_is_the_clients_not_the_proxys(settings):
    settings.TRUSTED_PROXIES, settings.AXES_IPWARE_PROXY_COUNT = 1, 0
    for i in range(3):
        assert ask(f"p{i}@example.org", PROXY, forwarded="203.0.113.7").status_code == 302
    assert ask("p9@example.org", PROXY, forwarded="203.0.113.7").status_code == 429
    assert ask("p10@example.org", PROXY, forwarded="198.51.100.9").status_code == 302
