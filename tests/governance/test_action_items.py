"""Actions written in the minutes (issue 16): an owner, a due date and a status; the owner is told,
reminded before the due date and when it has passed, sees them on Min sida and marks them done."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from governance.authority import today
from governance.meetings import services
from governance.meetings.models import ActionItem, Meeting
from governance.meetings.reminders import action_items
from governance.notifications.models import Notification
from governance.people.models import User

pytestmark = pytest.mark.usefixtures("demo", "db")


def user(name):
    return User.objects.get(username=name)


def client_of(name):
    client = Client()
    client.force_login(user(name))
    return client


@pytest.fixture
def meeting():
    return Meeting.objects.get(title__startswith="Styrgruppsmöte: förslag till förvaltningsavgift")


def test_an_officer_records_an_action_and_its_owner_is_told_and_sees_it(meeting):
    chair = client_of("chair")
    due = today() + dt.timedelta(days=10)
    response = chair.post(reverse("governance:action_item_add", args=[meeting.pk]),
                          {"title": "Ta fram en kommunikationsplan", "owner": user("steering").pk,
                           "due": due.isoformat()})
    assert response.status_code == 302
    item = ActionItem.objects.get(title="Ta fram en kommunikationsplan")
    assert (item.owner, item.due, item.status) == (user("steering"), due, ActionItem.Status.OPEN)
    assert Notification.objects.filter(recipient=user("steering"), kind="action_item", target_id=item.pk).exists()
    home = client_of("steering").get(reverse("governance:home")).content.decode()
    assert "Dina åtgärder från minnesanteckningarna" in home and item.title in home
    minutes = client_of("communicator").get(reverse("governance:meeting_minutes", args=[meeting.pk])).content.decode()
    assert item.title in minutes, "published minutes and their actions are read by the whole network"


def test_an_action_due_before_the_meeting_or_for_an_outsider_is_refused(meeting):
    chair = client_of("chair")
    before = (meeting.date - dt.timedelta(days=1)).isoformat()
    response = chair.post(reverse("governance:action_item_add", args=[meeting.pk]),
                          {"title": "X", "owner": user("steering").pk, "due": before})
    assert response.status_code == 200 and "på eller efter mötet" in response.content.decode()
    response = chair.post(reverse("governance:action_item_add", args=[meeting.pk]),
                          {"title": "X", "owner": user("communicator").pk, "due": today().isoformat()})
    assert response.status_code == 200 and not ActionItem.objects.filter(title="X").exists()
    assert client_of("communicator").post(reverse("governance:action_item_add", args=[meeting.pk]),
                                          {"title": "Y"}).status_code == 403


def test_the_owner_marks_it_done_and_nobody_else_but_the_officers_may(meeting):
    item = ActionItem.objects.get(meeting=meeting, status=ActionItem.Status.OPEN)
    with pytest.raises(PermissionDenied):
        services.action_item_set_status(item=item, status="done", actor=user("communicator"))
    url = reverse("governance:action_item_status", args=[item.pk])
    assert client_of("steering").post(url, {"status": "done"}).status_code == 302
    item.refresh_from_db()
    assert item.status == ActionItem.Status.DONE and item.done_on == today()
    with pytest.raises(ValidationError):
        services.action_item_set_status(item=item, status="cancelled", actor=user("steering"))


def test_the_owner_is_reminded_before_the_due_date_and_when_it_has_passed_once_each(meeting):
    item = ActionItem.objects.get(meeting=meeting, status=ActionItem.Status.OPEN)
    Notification.objects.filter(kind="action_item").delete()
    assert action_items(today=item.due - dt.timedelta(days=4)) == 0
    assert action_items(today=item.due - dt.timedelta(days=3)) == 1
    assert action_items(today=item.due - dt.timedelta(days=1)) == 0, "once before"
    assert action_items(today=item.due + dt.timedelta(days=1)) == 1
    assert action_items(today=item.due + dt.timedelta(days=2)) == 0, "once after"
    services.action_item_set_status(item=item, status="done", actor=user("steering"))
    Notification.objects.filter(kind="action_item").delete()
    assert action_items(today=item.due + dt.timedelta(days=1)) == 0, "a done action is not chased"
