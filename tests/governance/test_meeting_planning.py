"""A body's meeting planning (issue 19): meeting series from a rule (the first Tuesday of every
month …), made through the form as shown, at local time across the daylight-saving change; an
occurrence moved or cancelled reaches the calendar feed as such; standing agenda items on every new
meeting; the topic backlog any member adds to and the chair moves into an agenda that must still fit."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail  # noqa: F401 - the locmem backend keeps what is sent
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from governance.bodies.models import Membership
from governance.meetings import planning
from governance.meetings.calendar import calendar_token_regenerate
from governance.meetings.models import Meeting
from governance.meetings.reminders import meeting_reminders
from governance.meetings.series import AgendaTopic, MeetingSeries
from governance.meetings.services import AgendaEntry
from governance.notifications.models import Notification
from tests.clock import at
from tests.governance.factories import BodyFactory, MeetingFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def group():
    body = BodyFactory(name="Arbetsgrupp planering")
    chair = UserFactory(username="plan-chair")
    member = UserFactory(username="plan-member")
    MembershipFactory(body=body, user=chair, position=Membership.Position.CHAIR)
    MembershipFactory(body=body, user=member)
    return body, chair, member


def series(**kw) -> MeetingSeries:
    fields = {"title": "Månadsmöte", "frequency": "monthly", "interval": 1, "weekday": 1, "ordinal": 1,
              "first_date": dt.date(2026, 9, 1), "last_date": dt.date(2026, 12, 31), "start_time": dt.time(9),
              "duration_minutes": 90, "online_link": "https://meet.example/m"} | kw
    return MeetingSeries(**fields)


def test_the_rules_give_the_days_people_mean():
    assert series().dates() == [dt.date(2026, 9, 1), dt.date(2026, 10, 6), dt.date(2026, 11, 3),
                                dt.date(2026, 12, 1)]  # the first Tuesday of every month
    assert series(ordinal=-1, weekday=4).dates()[:2] == [dt.date(2026, 9, 25), dt.date(2026, 10, 30)]  # last Friday
    assert series(frequency="weekly", interval=2, weekday=2, last_date=dt.date(2026, 10, 1)).dates() == [
        dt.date(2026, 9, 2), dt.date(2026, 9, 16), dt.date(2026, 9, 30)]  # every other Wednesday


def test_the_chair_creates_a_series_through_the_form_at_local_time_across_the_clock_change(client, group):
    body, chair, _ = group
    planning.agenda_template_set(body=body, actor=chair, entries=[AgendaEntry("Mötets öppnande", 5),
                                                                  AgendaEntry("Övriga frågor", 10)])
    at(dt.date(2026, 9, 15))
    client.force_login(chair)
    url = reverse("governance:series_create", args=[body.pk])
    page = client.get(url).content.decode()
    for name in ("title", "frequency", "interval", "ordinal", "weekday", "first_date", "last_date", "start_time",
                 "duration_minutes", "place", "online_link"):
        assert f'name="{name}"' in page, name
    response = client.post(url, {"title": "Gruppens månadsmöte", "frequency": "monthly", "interval": "1",
                                 "ordinal": "1", "weekday": "1", "first_date": "2026-09-01",
                                 "last_date": "2026-12-31", "start_time": "09:00", "duration_minutes": "90",
                                 "place": "Jönköping", "online_link": ""})
    assert response.status_code == 302
    made = list(Meeting.objects.filter(series__body=body).order_by("start"))
    # From today on only: 6 October, 3 November (after the clock change), 1 December.
    assert [m.date for m in made] == [dt.date(2026, 10, 6), dt.date(2026, 11, 3), dt.date(2026, 12, 1)]
    assert {timezone.localtime(m.start).time() for m in made} == {dt.time(9)}, "09:00 in Stockholm, summer or not"
    assert [i.title for i in made[0].agenda_items.order_by("order")] == ["Mötets öppnande", "Övriga frågor"]
    assert made[0].series.history.first().history_user == chair


def test_a_series_is_refused_in_the_users_words_and_creates_nothing(client, group):
    body, chair, member = group
    client.force_login(member)
    assert client.get(reverse("governance:series_create", args=[body.pk])).status_code == 403
    client.force_login(chair)
    base = {"title": "Möte", "frequency": "weekly", "interval": "1", "ordinal": "1", "weekday": "0",
            "first_date": "2026-01-01", "start_time": "09:00", "duration_minutes": "60", "place": "Växjö"}
    far = client.post(reverse("governance:series_create", args=[body.pk]), base | {"last_date": "2029-01-01"})
    assert "at most two years ahead" in far.content.decode()
    nowhere = client.post(reverse("governance:series_create", args=[body.pk]),
                          base | {"last_date": "2026-03-01", "place": ""})
    assert "Give a place or an online meeting link" in nowhere.content.decode()
    assert not MeetingSeries.objects.exists() and not Meeting.objects.filter(body=body).exists()


def _feed(client, user) -> dict[str, dict]:
    token = calendar_token_regenerate(user=user)
    body = client.get(reverse("governance:calendar_feed", kwargs={"token": token})).content
    return {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def test_a_moved_and_a_cancelled_occurrence_reach_the_calendar_feed_as_such(client, group):
    body, chair, member = group
    at(dt.date(2026, 9, 15))
    _series, meetings = planning.series_create(
        body=body, actor=chair, title="Månadsmöte", frequency="monthly", interval=1, weekday=1, ordinal=1,
        first_date=dt.date(2026, 10, 1), last_date=dt.date(2026, 12, 31), start_time=dt.time(9),
        duration_minutes=90, online_link="https://meet.example/m")
    moved, cancelled = meetings[0], meetings[1]
    before = _feed(client, member)
    uid = f"meeting-{moved.pk}@samordna"
    # Moved by editing that meeting: a day later, same UID, higher SEQUENCE.
    from governance.meetings.services import meeting_update

    moved.refresh_from_db()
    meeting_update(meeting=moved, actor=chair, title=moved.title, start=moved.start + dt.timedelta(days=1),
                   end=moved.end + dt.timedelta(days=1), place="", online_link=moved.online_link,
                   description="", agenda=[], version=moved.version)
    moved.refresh_from_db()
    assert moved.is_moved
    client.force_login(member)
    assert "Moved: the series" in client.get(moved.get_absolute_url()).content.decode()
    # Cancelled through the page: the reason, the confirmation, then the deed.
    client.force_login(chair)
    url = reverse("governance:meeting_cancel", args=[cancelled.pk])
    confirmation = client.post(url, {"reason": "Krock med konferensen"})
    assert confirmation.status_code == 200 and "Cancel the meeting" in confirmation.content.decode()
    assert client.post(url, {"reason": "Krock med konferensen", "confirmed": "1"}).status_code == 302
    cancelled.refresh_from_db()
    assert cancelled.cancelled_at and cancelled.cancel_reason == "Krock med konferensen"
    told = Notification.objects.filter(target_id=cancelled.pk, occasion="cancelled")
    assert {n.recipient_id for n in told} == {chair.pk, member.pk}
    after = _feed(client, member)
    assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])
    assert after[uid].decoded("dtstart") == before[uid].decoded("dtstart") + dt.timedelta(days=1)
    cancelled_event = after[f"meeting-{cancelled.pk}@samordna"]
    assert str(cancelled_event["status"]) == "CANCELLED"
    # Nobody is reminded of a cancelled meeting; it cannot be cancelled twice or after it was held.
    at(cancelled.date - dt.timedelta(days=7))
    meeting_reminders(today=cancelled.date - dt.timedelta(days=7))
    assert not Notification.objects.filter(target_id=cancelled.pk, kind="meeting_reminder").exclude(
        occasion="cancelled").exists()
    with pytest.raises(Exception, match="already cancelled"):
        planning.meeting_cancel(meeting=cancelled, reason="igen", actor=chair)
    at(dt.date(2027, 1, 10))
    with pytest.raises(Exception, match="has been held"):
        planning.meeting_cancel(meeting=meetings[2], reason="för sent", actor=chair)


def test_the_topic_backlog_from_a_members_proposal_to_the_agenda(client, group):
    body, chair, member = group
    outsider = UserFactory(username="plan-outsider")
    at(dt.date(2026, 9, 15))
    meeting = MeetingFactory(body=body, start=timezone.make_aware(dt.datetime(2026, 10, 6, 9)),
                             end=timezone.make_aware(dt.datetime(2026, 10, 6, 10)))
    url = reverse("governance:agenda_topics", args=[body.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(member)
    page = client.get(url).content.decode()
    assert 'name="title"' in page and "Put on the agenda" not in page
    assert client.post(url, {"title": "Klarspråk i beslut", "description": "Hur skriver vi?"}).status_code == 302
    topic = AgendaTopic.objects.get(title="Klarspråk i beslut")
    assert topic.proposed_by == member and topic.status == AgendaTopic.Status.OPEN
    client.force_login(chair)
    page = client.get(url).content.decode()
    assert re.search(rf'action="{reverse("governance:topic_schedule", args=[topic.pk])}"', page)
    schedule = reverse("governance:topic_schedule", args=[topic.pk])
    too_long = client.post(schedule, {"meeting": meeting.pk, "duration_minutes": "90"}, follow=True)
    assert "does not fit within the meeting" in too_long.content.decode()
    assert not meeting.agenda_items.exists()
    client.post(schedule, {"meeting": meeting.pk, "duration_minutes": "20"})
    topic.refresh_from_db()
    assert topic.status == AgendaTopic.Status.SCHEDULED and topic.meeting == meeting
    assert [(i.title, i.duration_minutes) for i in meeting.agenda_items.all()] == [("Klarspråk i beslut", 20)]
    # Once on an agenda it is no longer withdrawn or scheduled again.
    client.force_login(member)
    refused = client.post(reverse("governance:topic_withdraw", args=[topic.pk]), follow=True)
    assert "no longer waiting" in refused.content.decode()


def test_standing_agenda_items_are_edited_as_shown_and_start_every_new_meeting(client, group):
    body, chair, _ = group
    client.force_login(chair)
    url = reverse("governance:agenda_template_edit", args=[body.pk])
    page = client.get(url).content.decode()
    assert 'name="items-0-title"' in page and 'name="items-TOTAL_FORMS"' in page
    data = {"items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "30", "items-0-title": "Mötets öppnande", "items-0-duration_minutes": "5",
            "items-1-title": "Val av justerare", "items-1-duration_minutes": "5"}
    assert client.post(url, data).status_code == 302
    assert list(body.agenda_template.values_list("title", flat=True)) == ["Mötets öppnande", "Val av justerare"]
    new = client.get(reverse("governance:meeting_create") + f"?organ={body.pk}").content.decode()
    assert 'value="Mötets öppnande"' in new and 'value="Val av justerare"' in new
