"""Actions written in minutes linked to the plan activity they carry out (issue 16): through the form
the activity page shows, by the steering group or the activity's responsible person, only open
actions of meetings the person takes part in, audited, shown on the activity page."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse

from annualplan.models import Activity, ActivityAction
from governance.authority import today
from governance.meetings.models import ActionItem, Meeting
from governance.people.models import User
from tests.governance.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.usefixtures("demo", "db")


@pytest.fixture(autouse=True)
def swedish(client):
    """The messages are read in Swedish, whatever another test in the worker left active."""
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    with translation.override("sv"):
        yield


def _activity() -> Activity:
    return Activity.objects.filter(plan__year=today().year).order_by("pk").first()


def test_the_chair_links_an_action_through_the_form_as_shown(login):
    activity = _activity()
    action = ActionItem.objects.filter(status=ActionItem.Status.OPEN).order_by("pk").first()
    client = login("chair")
    page = client.get(activity.get_absolute_url()).content.decode()
    form = re.search(r'<form method="post" action="([^"]+/atgarder/)".*?</form>', page, re.S)
    assert form, "the activity page offers the link form"
    offered = re.findall(r'<option value="(\d+)"', form.group(0))
    assert str(action.pk) in offered
    response = client.post(form.group(1), {"action_item": action.pk}, follow=True)
    assert "Åtgärden kopplades till aktiviteten." in response.content.decode()
    link = ActivityAction.objects.get(activity=activity, action_item=action)
    assert link.linked_by.username == "chair" and link.history.first().history_user.username == "chair"
    shown = client.get(activity.get_absolute_url()).content.decode()
    assert action.title in shown and action.get_absolute_url() in shown
    # Linked once: not offered again.
    assert f'<option value="{action.pk}"' not in shown.split("/atgarder/")[-1]
    client.post(reverse("annualplan:activity_action_unlink", args=[activity.pk, link.pk]))
    assert not ActivityAction.objects.filter(pk=link.pk).exists()


def test_only_open_actions_of_meetings_the_person_takes_part_in(login):
    activity = _activity()
    elsewhere = MeetingFactory(body=BodyFactory(), title="Ett annat organs möte")
    hidden = ActionItem.objects.create(meeting=elsewhere, title="Hemlig åtgärd", owner=User.objects.get(username="g7"),
                                       due=today())
    done = ActionItem.objects.filter(status=ActionItem.Status.DONE).first()
    client = login("chair")
    for action in (hidden, done):
        response = client.post(reverse("annualplan:activity_action_link", args=[activity.pk]),
                               {"action_item": action.pk}, follow=True)
        assert response.status_code == 200
        assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not ActivityAction.objects.filter(activity=activity).exists()
    assert Meeting.objects.filter(pk=elsewhere.pk).exists()


def test_someone_outside_the_steering_group_may_not_link(login):
    activity = _activity()
    action = ActionItem.objects.filter(status=ActionItem.Status.OPEN).order_by("pk").first()
    client = login("communicator")
    assert "/atgarder/" not in client.get(activity.get_absolute_url()).content.decode()
    assert client.post(reverse("annualplan:activity_action_link", args=[activity.pk]),
                       {"action_item": action.pk}).status_code == 403
    assert not ActivityAction.objects.exists()
