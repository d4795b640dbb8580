"""A person's register extract (GDPR article 15, issue 16): everything the portal holds about them
as a download, for the person and for administrators; no secrets; logged."""
from __future__ import annotations

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from governance.people.models import User

pytestmark = pytest.mark.usefixtures("demo", "db")


def extract_of(client: Client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def test_a_person_downloads_everything_the_portal_holds_about_them(login, caplog):
    caplog.set_level(logging.INFO, logger="samordna.security")
    client = login("communicator")
    assert reverse("governance:register_extract") in client.get(reverse("governance:home")).content.decode()
    data = extract_of(client, reverse("governance:register_extract"))
    me = User.objects.get(username="communicator")
    assert data["person"]["username"] == "communicator" and data["person"]["email"] == me.email
    assert "password" not in data["person"] and "calendar_token" not in data["person"]
    records = data["records"]
    # Memberships, proposals, plan assignments, notifications and the history rows about them.
    for label in ("governance.membership", "governance.proposal", "annualplan.resourceassignment",
                  "governance.notification"):
        assert records.get(label), f"{label} missing from the extract"
    assert any(r["title"] == "Nationell bildbank" for r in records["governance.proposal"])
    messages = [r.getMessage() for r in caplog.records if r.name == "samordna.security"]
    assert "register extract of user=communicator by user=communicator" in messages


def test_an_administrator_makes_an_extract_for_someone_else_and_nobody_else_may():
    communicator = User.objects.get(username="communicator")
    url = reverse("governance:register_extract_for", args=[communicator.pk])
    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    assert extract_of(admin, url)["person"]["username"] == "communicator"
    assert url in admin.get(reverse("admin:governance_user_change", args=[communicator.pk])).content.decode()
    other = Client()
    other.force_login(User.objects.get(username="chair"))
    assert other.get(url).status_code == 403
    assert Client().get(url).status_code == 302
