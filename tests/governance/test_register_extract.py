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


def test_deactivating_a_person_keeps_what_the_public_records_need():
    """The person who leaves: no sign-in, memberships ended today, mandates revoked, not deletable —
    and every decision, minutes and the audit trail still name them; the extract still works."""
    from governance.authority import today
    from governance.bodies.models import Membership
    from governance.people.models import Delegation
    from governance.records.models import Decision

    chair = User.objects.get(username="chair")
    decisions = list(Decision.objects.filter(participants=chair).values_list("pk", flat=True))
    assert decisions, "the demo's chair took part in decisions"
    deputy_mandates = Delegation.objects.filter(granted_by__username="infochef", revoked_at__isnull=True).count()
    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    changelist = reverse("admin:governance_user_changelist")
    page = admin.get(changelist).content.decode()
    assert 'value="deactivate"' in page and 'value="delete_selected"' not in page
    assert admin.post(reverse("admin:governance_user_delete", args=[chair.pk]), {"post": "yes"}).status_code == 403
    response = admin.post(changelist, {"action": "deactivate", "_selected_action": [chair.pk]}, follow=True)
    assert "inaktiverades" in response.content.decode()
    chair.refresh_from_db()
    assert not chair.is_active and chair.calendar_token == ""
    assert not Membership.objects.filter(user=chair, end__isnull=True).exists()
    assert not Membership.objects.filter(user=chair, end__gt=today()).exists()
    assert set(Decision.objects.filter(participants=chair).values_list("pk", flat=True)) == set(decisions)
    assert chair.history.first().history_change_reason == "person deactivated"
    refused = Client().post(reverse("login"), {"username": "chair", "password": "demo"})
    assert refused.status_code == 200 and "_auth_user_id" not in refused.wsgi_request.session
    assert extract_of(admin, reverse("governance:register_extract_for", args=[chair.pk]))["person"]["username"] == "chair"
    # Somebody else's deputies are untouched.
    assert Delegation.objects.filter(granted_by__username="infochef", revoked_at__isnull=True).count() == deputy_mandates
    # Twice: a message, nothing more.
    again = admin.post(changelist, {"action": "deactivate", "_selected_action": [chair.pk]}, follow=True)
    assert "är redan inaktiverad" in again.content.decode()
