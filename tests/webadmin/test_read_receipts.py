"""Read receipts: a policy or guideline "to be read" asks the people it concerns (computed from the
memberships of the day) to confirm "read and understood" in its current version; its owner sees who
has not, per organisation, and reminds them, once a day."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from governance.authority import today
from governance.bodies.models import Body
from governance.notifications.models import Notification
from tests import hostile
from tests.clock import at
from tests.governance.factories import MembershipFactory, UserFactory, org, standing
from webadmin import services
from webadmin.models import Policy, ReadConfirmation

from .factories import communicator, steering_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    return services.policy_adopt(title="Riktlinjer för gemensamma texter", kind=Policy.Kind.GUIDELINE,
                                 body="Skriv på klarspråk.", decided_on=today() - dt.timedelta(days=30), actor=None)


@pytest.fixture
def owner():
    return UserFactory(username="agare", organisation=org("C"))


@pytest.fixture
def to_read(policy, owner):
    """The guideline to be read by every communicator, owned by `owner`."""
    return services.policy_reading_set(policy=policy, to_be_read=True, audience=Policy.Audience.COMMUNICATORS,
                                       owner=owner, version=None, actor=None)


def _form(html: str, path: str, action: str) -> hostile.PageForm:
    form = next((f for f in hostile.read_forms(html, path) if f.action == action), None)
    assert form is not None, f"no form posting to {action}"
    return form


def _confirm_form(client, policy) -> hostile.PageForm:
    path = policy.get_absolute_url()
    return _form(client.get(path).content.decode(), path, reverse("webadmin:policy_read_confirm", args=[policy.pk]))


# --- The settings: to be read, by whom, the owner --------------------------------------------------
def test_the_steering_group_marks_a_policy_to_be_read_with_the_form_as_shown(client, policy, owner, year):
    _body, chair, _members = steering_group(year)
    client.force_login(chair)
    path = reverse("webadmin:policy_reading_edit", args=[policy.pk])
    page = client.get(path)
    assert page.status_code == 200
    data = {**_form(page.content.decode(), path, path).data(), "to_be_read": ["on"],
            "audience": [Policy.Audience.COMMUNICATORS], "owner": [str(owner.pk)]}
    response = client.post(path, data)
    assert response.status_code == 302 and response.url == policy.get_absolute_url()
    policy.refresh_from_db()
    assert (policy.to_be_read, policy.audience, policy.owner) == (True, Policy.Audience.COMMUNICATORS, owner)
    latest = policy.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == chair and latest.history_change_reason == "to be read"


def test_to_be_read_needs_whom_and_an_owner(client, policy, year):
    _body, chair, _members = steering_group(year)
    client.force_login(chair)
    path = reverse("webadmin:policy_reading_edit", args=[policy.pk])
    data = {**_form(client.get(path).content.decode(), path, path).data(), "to_be_read": ["on"]}
    response = client.post(path, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say whom it is to be read by." in html and "Name the owner who follows up who has read it." in html
    policy.refresh_from_db()
    assert not policy.to_be_read and policy.history.count() == 1


def test_only_the_steering_group_and_the_web_lead_set_it(client, policy):
    client.force_login(communicator())
    response = client.get(reverse("webadmin:policy_reading_edit", args=[policy.pk]))
    assert response.status_code == 403
    assert "Only the steering group and the web development lead" in response.content.decode()


# --- Confirming --------------------------------------------------------------------------------------
def test_a_communicator_confirms_from_the_page_and_a_new_version_asks_again(client, to_read):
    person = communicator("W")
    client.force_login(person)
    home = client.get(reverse("governance:home")).content.decode()
    assert "Policies to read and confirm" in home and to_read.get_absolute_url() in home
    form = _confirm_form(client, to_read)
    response = client.post(form.action, form.data(), follow=True)
    assert "you have confirmed that you have read and understood version 1" in response.content.decode()
    assert ReadConfirmation.objects.filter(user=person, policy_version__number=1).count() == 1
    page = client.get(to_read.get_absolute_url()).content.decode()
    assert "You confirmed on" in page and 'value="1"' not in page
    assert "Policies to read and confirm" not in client.get(reverse("governance:home")).content.decode()

    services.policy_version_adopt(policy=to_read, body="Skriv på klarspråk. Granska alltid.", decided_on=today(),
                                  actor=None)
    assert "Policies to read and confirm" in client.get(reverse("governance:home")).content.decode()
    again = _confirm_form(client, to_read)
    assert again.fields["number"].value == ["2"]
    # The page read before the new version: refused, nothing saved.
    response = client.post(form.action, form.data(), follow=True)
    assert "Version 2 is in force now" in response.content.decode()
    assert not ReadConfirmation.objects.filter(user=person, policy_version__number=2).exists()
    client.post(again.action, again.data())
    assert ReadConfirmation.objects.filter(user=person).count() == 2


def test_someone_it_does_not_concern_cannot_confirm(client, to_read):
    outsider = UserFactory(organisation=org("AB"))
    client.force_login(outsider)
    assert "Read and understood" not in client.get(to_read.get_absolute_url()).content.decode()
    response = client.post(reverse("webadmin:policy_read_confirm", args=[to_read.pk]), {"number": "1"})
    assert response.status_code == 403
    assert "does not ask you to confirm that you have read it" in response.content.decode()
    assert not ReadConfirmation.objects.exists()


def test_a_policy_not_to_be_read_asks_nobody(client, policy):
    client.force_login(communicator())
    assert "Read and understood" not in client.get(policy.get_absolute_url()).content.decode()
    assert client.post(reverse("webadmin:policy_read_confirm", args=[policy.pk]), {"number": "1"}).status_code == 403


def test_the_audience_is_the_memberships_of_the_day(client, to_read, owner):
    """A communicator whose membership ends on `last` is asked until that day, and no longer the day after."""
    last = today() + dt.timedelta(days=10)
    leaving = UserFactory(organisation=org("E"), last_name="Lämnar")
    MembershipFactory(body=standing(Body.Kind.COMMUNICATORS_NETWORK), user=leaving, end=last)
    staying = communicator("E", last_name="Stannar")
    follow_up = reverse("webadmin:policy_reading", args=[to_read.pk])

    at(last)
    client.force_login(leaving)
    assert "Read and understood" in client.get(to_read.get_absolute_url()).content.decode()
    client.force_login(owner)
    html = client.get(follow_up).content.decode()
    assert "0 of 2 have confirmed" in html and "Lämnar" in html and "Stannar" in html

    at(last + dt.timedelta(days=1))
    client.force_login(leaving)
    assert "Read and understood" not in client.get(to_read.get_absolute_url()).content.decode()
    assert "Policies to read and confirm" not in client.get(reverse("governance:home")).content.decode()
    assert client.post(reverse("webadmin:policy_read_confirm", args=[to_read.pk]), {"number": "1"}).status_code == 403
    assert not ReadConfirmation.objects.exists()
    client.force_login(owner)
    html = client.get(follow_up).content.decode()
    assert "0 of 1 have confirmed" in html and "Lämnar" not in html and staying.last_name in html


# --- The owner's follow-up and reminder -----------------------------------------------------------------
def test_the_owner_sees_who_has_not_confirmed_per_organisation_and_reminds_only_them_once_a_day(client, to_read,
                                                                                                 owner):
    done, waiting, other = communicator("W"), communicator("W"), communicator("AB")
    services.policy_read_confirm(policy=to_read, number=1, actor=done)
    client.force_login(owner)
    path = reverse("webadmin:policy_reading", args=[to_read.pk])
    html = client.get(path).content.decode()
    assert "1 of 3 have confirmed" in html
    rows = {m.group(1): m.group(2) for m in re.finditer(r'<th scope="row">([^<]+)</th>(.*?)</tr>', html, re.S)}
    dalarna, stockholm = org("W").short_name, org("AB").short_name
    assert re.findall(r'class="num">(\d+)<', rows[dalarna]) == ["2", "1"]
    assert str(waiting) in rows[dalarna] and str(done) not in rows[dalarna]
    assert str(other) in rows[stockholm]

    remind = _form(html, path, reverse("webadmin:policy_reading_remind", args=[to_read.pk]))
    response = client.post(remind.action, remind.data(), follow=True)
    assert "2 reminders sent." in response.content.decode()
    sent = Notification.objects.filter(kind="webadmin_policy_reading")
    assert {n.recipient for n in sent} == {waiting, other}
    response = client.post(remind.action, remind.data(), follow=True)
    assert "No reminder was sent" in response.content.decode()
    assert sent.all().count() == 2
    at(today() + dt.timedelta(days=1))
    client.force_login(owner)  # (a new day: a new session)
    client.post(remind.action, remind.data())
    assert sent.all().count() == 4


def test_only_the_owner_follows_up_and_reminds(client, to_read):
    client.force_login(communicator())
    assert client.get(reverse("webadmin:policy_reading", args=[to_read.pk])).status_code == 403
    response = client.post(reverse("webadmin:policy_reading_remind", args=[to_read.pk]))
    assert response.status_code == 403 and "Only the policy's owner" in html.unescape(response.content.decode())
    assert not Notification.objects.filter(kind="webadmin_policy_reading").exists()


# --- The demo --------------------------------------------------------------------------------------------
def test_the_demo_guideline_is_to_be_read_by_the_communicators(demo, db, login):
    policy = Policy.objects.get(to_be_read=True)
    client = login("communicator")
    assert "Policies to read and confirm" in client.get(reverse("governance:home")).content.decode()
    assert "Read and understood" in client.get(policy.get_absolute_url()).content.decode()
    html = login("weblead").get(reverse("webadmin:policy_reading", args=[policy.pk])).content.decode()
    assert re.search(r"12 of \d+ have confirmed", html)
