"""The users read Swedish: the domain's terms and a broken rule, as they see them."""
import datetime as dt

import pytest
from django.utils import translation

from tests.clock import at
from tests.governance.factories import UserFactory, org
from tests.webadmin.factories import assign, communicator, steering_group
from webadmin.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    with translation.override("sv"):
        yield client


def test_a_broken_rule_is_named_in_swedish(swedish, year):
    _sg, chair, _ = steering_group(year)
    assign(Role.Code.WEB_LEAD, communicator("C"), year=year)
    members = [communicator(code) for code in ("E", "M", "S", "Z", "X")]
    at(dt.date(year, 1, 15))
    swedish.force_login(chair)
    data = {"start": f"{year}-01-15", "decided_on": f"{year}-01-10"}
    data.update({f"member_{i}": m.pk for i, m in enumerate(members, start=1)})
    body = swedish.post(f"/webb/grupp/{year}/sammansattning/", data).content.decode()
    assert "Regel: minst en ledamot företräder den tekniska systemförvaltaren" in body
    assert "Regel: minst en ledamot har IT-kompetens" in body


def test_the_roles_use_the_domain_terms(swedish, year):
    swedish.force_login(UserFactory(organisation=org("W")))
    body = swedish.get("/webb/").content.decode()
    for term in ("Webbutvecklingsledare", "Redaktionellt ansvarig", "Funktionsansvarig", "Supportansvarig",
                 "Strukturansvarig", "Processägare", "Teknisk systemförvaltare", "Webbförvaltningsgruppen"):
        assert term in body
    assert "Funktionsönskemål" in swedish.get("/webb/onskemal/").content.decode()
    assert "Handbok och vanliga frågor" in swedish.get("/webb/handbok/").content.decode()
