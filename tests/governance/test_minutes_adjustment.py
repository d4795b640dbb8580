"""Minutes adjusted before they are published (justering, issue 16): the meeting names its
adjusters; the draft is sent to them and locked; each approves or proposes a change (which sends
it back); when each has approved this version it is adjusted and may be published; adjusters who
have not answered are reminded once after three days."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.meetings import services
from governance.meetings.models import Minutes, MinutesAdjustment
from governance.meetings.reminders import minutes_adjustment
from governance.notifications.models import Notification
from governance.people.models import User

pytestmark = pytest.mark.usefixtures("demo", "db")


def user(name):
    return User.objects.get(username=name)


def client_of(name) -> Client:
    """A browser of its own for each person (two people at once)."""
    client = Client()
    client.force_login(user(name))
    return client


@pytest.fixture
def draft():
    """The demo's draft minutes, with steering as the adjuster, taken back to the officers."""
    minutes = Minutes.objects.get(meeting__title__startswith="Styrgruppsmöte: krisberedskap", status="draft")
    assert list(minutes.meeting.adjusters.all()) == [user("steering")]
    minutes.sent_for_adjustment_at = None
    minutes.save(update_fields=["sent_for_adjustment_at"])
    return minutes


def test_the_demo_meeting_shows_its_adjuster_and_the_draft_goes_to_her(login):
    minutes = Minutes.objects.get(meeting__title__startswith="Styrgruppsmöte: krisberedskap", status="draft")
    url = reverse("governance:meeting_minutes", args=[minutes.meeting_id])
    chair = client_of("chair")
    html = chair.get(url).content.decode()
    assert str(user("steering")) in html and "Justering" in html
    assert reverse("governance:minutes_send_for_adjustment", args=[minutes.pk]) in html
    html = client_of("steering").get(url).content.decode()
    assert minutes.text in html, "the adjuster reads the draft"
    assert reverse("governance:minutes_adjust", args=[minutes.pk]) not in html, "nothing to answer before it is sent"
    chair.post(reverse("governance:minutes_send_for_adjustment", args=[minutes.pk]))
    html = client_of("steering").get(url).content.decode()
    assert reverse("governance:minutes_adjust", args=[minutes.pk]) in html


def test_adjustment_from_draft_to_published_in_the_browser_flow(login, draft):
    chair, steering = client_of("chair"), client_of("steering")
    minutes_url = reverse("governance:meeting_minutes", args=[draft.meeting_id])
    # Not adjusted: publishing is refused (the button is not offered, the service says why).
    with pytest.raises(ValidationError, match="justerade"):
        services.minutes_publish(minutes=draft, actor=user("chair"))
    assert chair.post(reverse("governance:minutes_send_for_adjustment", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.sent_for_adjustment_at is not None
    assert Notification.objects.filter(recipient=user("steering"), kind="minutes_adjustment").exists()
    # Locked while with the adjusters.
    with pytest.raises(ValidationError, match="justerarna"):
        services.minutes_save_draft(meeting=draft.meeting, text="Ändrat", actor=user("chair"), version=draft.version)
    # The adjuster proposes a change: it goes back to the officers, who are told.
    response = steering.post(reverse("governance:minutes_adjust", args=[draft.pk]),
                             {"answer": "change", "comment": "Lägg till beslutet om övningen i mars."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.sent_for_adjustment_at is None
    assert Notification.objects.filter(recipient=user("chair"), kind="minutes_adjustment",
                                       body__contains="övningen").exists()
    assert "Lägg till beslutet om övningen i mars." in chair.get(minutes_url).content.decode()
    # The chair changes the draft and sends it again; the adjuster approves this version.
    services.minutes_save_draft(meeting=draft.meeting, text="Nytt utkast med övningen i mars.", actor=user("chair"),
                                version=draft.version)
    draft.refresh_from_db()
    services.minutes_send_for_adjustment(minutes=draft, actor=user("chair"))
    assert steering.post(reverse("governance:minutes_adjust", args=[draft.pk]), {"answer": "approve"}).status_code == 302
    draft.refresh_from_db()
    assert services.adjusters_waiting(draft) == []
    assert "Justerad" in chair.get(minutes_url).content.decode()
    assert chair.post(reverse("governance:minutes_publish", args=[draft.pk]), {"confirmed": "1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.is_published


def test_only_an_adjuster_answers_and_a_change_needs_words(login, draft):
    services.minutes_send_for_adjustment(minutes=draft, actor=user("chair"))
    with pytest.raises(PermissionDenied):
        services.minutes_adjust(minutes=draft, actor=user("infochef"), approve=True)
    assert login("infochef").post(reverse("governance:minutes_adjust", args=[draft.pk]),
                                  {"answer": "approve"}).status_code == 403
    response = login("steering").post(reverse("governance:minutes_adjust", args=[draft.pk]),
                                      {"answer": "change", "comment": "  "})
    assert response.status_code == 200 and "Skriv vad som ska ändras" in response.content.decode()
    assert not MinutesAdjustment.objects.filter(minutes=draft).exists()


def test_an_adjuster_who_has_not_answered_is_reminded_once_after_three_days(draft):
    services.minutes_send_for_adjustment(minutes=draft, actor=user("chair"))
    sent = timezone.localdate()
    assert minutes_adjustment(today=sent + dt.timedelta(days=2)) == 0
    assert minutes_adjustment(today=sent + dt.timedelta(days=3)) == 1
    assert minutes_adjustment(today=sent + dt.timedelta(days=4)) == 0, "once per version"
    services.minutes_adjust(minutes=draft, actor=user("steering"), approve=True)
    assert minutes_adjustment(today=sent + dt.timedelta(days=9)) == 0


def test_a_meeting_without_adjusters_publishes_as_before(draft):
    draft.meeting.adjusters.clear()
    with pytest.raises(ValidationError, match="justerare"):
        services.minutes_send_for_adjustment(minutes=draft, actor=user("chair"))
    assert services.minutes_publish(minutes=draft, actor=user("chair")).is_published
