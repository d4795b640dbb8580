"""The personal iCalendar feed: a secret, revocable address with the meetings of every body the
person belonged to on the meeting's day."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from governance.bodies.models import Membership
from governance.meetings.calendar import calendar_token_regenerate, calendar_token_revoke
from governance.meetings.models import Meeting
from governance.people.models import User
from tests.governance.factories import BodyFactory, MeetingFactory, MembershipFactory, UserFactory, stockholm


def _feed(client, token: str):
    return client.get(reverse("governance:calendar_feed", kwargs={"token": token}))


def _events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_regenerating_gives_a_new_secret_address(demo, db, login):
    client = login("steering")
    url = reverse("governance:calendar_regenerate")
    assert client.get(url).status_code == 405
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    first = User.objects.get(username="steering").calendar_token
    assert len(first) >= 40
    client.post(url, {"confirmed": "1"})
    second = User.objects.get(username="steering").calendar_token
    assert second != first
    assert _feed(client, first).status_code == 404
    assert _feed(client, second).status_code == 200
    page = client.get(reverse("governance:calendar_settings")).content.decode()
    assert second in page


def test_feed_holds_the_meetings_of_the_users_bodies(demo, db, client):
    user = User.objects.get(username="steering")
    token = calendar_token_regenerate(user=user)
    client.logout()  # a calendar program has no session: the address is the credential
    response = _feed(client, token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response)
    meeting = Meeting.objects.get(title="Styrgruppsmöte: verksamhetsplan och budget för nästa år")
    event = next(e for s, e in events.items() if s.startswith(meeting.title))
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == meeting.start and end == meeting.end
    assert start.utcoffset() == dt.timedelta(0)  # written in UTC
    assert str(event["UID"]) == f"meeting-{meeting.pk}@samordna"
    assert any(s.startswith("Informationschefsnätverkets höstmöte") for s in events)
    # Not a member of G7, but the joint meeting with G7 is a steering group meeting: it is there.
    assert any(s.startswith("Gemensamt möte med G7") for s in events)


def test_feed_leaves_out_other_bodies(demo, db, client):
    token = calendar_token_regenerate(user=User.objects.get(username="communicator"))
    events = _events(_feed(client, token))
    assert not any(s.startswith("Styrgruppsmöte") for s in events)


def test_revoked_address_gives_404(demo, db, login):
    client = login("chair")
    client.post(reverse("governance:calendar_regenerate"), {"confirmed": "1"})
    token = User.objects.get(username="chair").calendar_token
    assert _feed(client, token).status_code == 200
    assert client.get(reverse("governance:calendar_revoke")).status_code == 405
    assert client.post(reverse("governance:calendar_revoke"), {"confirmed": "1"}).status_code == 302
    assert User.objects.get(username="chair").calendar_token == ""
    assert _feed(client, token).status_code == 404


@pytest.mark.parametrize("token", ["", "short", "no-such-token-0123456789abcdefghijklmn"])
def test_unknown_tokens_give_404(db, client, token):
    UserFactory(calendar_token="")  # an empty token never opens a feed
    if token:
        assert _feed(client, token).status_code == 404
    else:
        assert client.get("/kalender/.ics").status_code == 404


def test_meetings_follow_the_membership_dates(db, client):
    body = BodyFactory()
    user = UserFactory()
    MembershipFactory(body=body, user=user, start=dt.date(2030, 3, 1), end=dt.date(2030, 6, 30),
                      position=Membership.Position.MEMBER)
    before = MeetingFactory(body=body, title="Före", start=stockholm(2030, 2, 20), end=stockholm(2030, 2, 20, 11))
    during = MeetingFactory(body=body, title="Under", start=stockholm(2030, 3, 1, 0, 30),
                            end=stockholm(2030, 3, 1, 2))  # 1 March in Stockholm, 28 February in UTC
    after = MeetingFactory(body=body, title="Efter", start=stockholm(2030, 7, 1), end=stockholm(2030, 7, 1, 11))
    token = calendar_token_regenerate(user=user)
    events = _events(_feed(client, token))
    assert "Under" in " ".join(events)
    assert not any(s.startswith(("Före", "Efter")) for s in events)
    calendar_token_revoke(user=user)
    assert _feed(client, token).status_code == 404
    assert {before.pk, during.pk, after.pk}
