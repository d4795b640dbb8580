"""Minutes: drafted by the officers, published by POST, then read by the whole network and never
changed in place — a correction is a new version with a reason and a link to the previous one."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from governance.bodies.models import Membership
from governance.meetings.models import Meeting, Minutes
from governance.meetings.selectors import current_minutes, published_minutes
from governance.meetings.services import minutes_publish, minutes_save_draft
from tests.governance.factories import BodyFactory, MeetingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def meeting(db):
    body = BodyFactory()
    secretary = UserFactory(username="secretary")
    member = UserFactory(username="member")
    MembershipFactory(body=body, user=secretary, position=Membership.Position.SECRETARY)
    MembershipFactory(body=body, user=member)
    return MeetingFactory(body=body), secretary, member


def _draft_meeting() -> Meeting:
    """The demo's meeting with draft minutes, without its adjuster (adjustment: test_minutes_adjustment)."""
    meeting = Meeting.objects.get(title__startswith="Styrgruppsmöte: krisberedskap")
    meeting.adjusters.clear()
    Minutes.objects.filter(meeting=meeting, status=Minutes.Status.DRAFT).update(sent_for_adjustment_at=None)
    return meeting


def _corrected_meeting() -> Meeting:
    return Meeting.objects.get(title__startswith="Styrgruppsmöte: verksamhetsplanens uppföljning")


# --- Services --------------------------------------------------------------------------------------
def test_secretary_drafts_and_publishes(meeting):
    meeting, secretary, _member = meeting
    draft = minutes_save_draft(meeting=meeting, text="Beslut: A.", actor=secretary)
    assert draft.status == Minutes.Status.DRAFT and draft.number == 1
    assert not Meeting.objects.minutes_published().filter(pk=meeting.pk).exists()
    published = minutes_publish(minutes=draft, actor=secretary)
    assert published.status == Minutes.Status.PUBLISHED and published.published_at
    assert Meeting.objects.minutes_published().filter(pk=meeting.pk).exists()


def test_a_member_may_not_draft_or_publish(meeting):
    meeting, secretary, member = meeting
    with pytest.raises(PermissionDenied):
        minutes_save_draft(meeting=meeting, text="x", actor=member)
    draft = minutes_save_draft(meeting=meeting, text="x", actor=secretary)
    with pytest.raises(PermissionDenied):
        minutes_publish(minutes=draft, actor=member)


def test_published_minutes_are_never_edited_in_place(meeting):
    meeting, secretary, _member = meeting
    v1 = minutes_publish(minutes=minutes_save_draft(meeting=meeting, text="Original.", actor=secretary),
                         actor=secretary)
    with pytest.raises(ValidationError) as exc:
        minutes_save_draft(meeting=meeting, text="Ändrad.", actor=secretary)
    assert "give the reason for the correction" in str(exc.value)
    with pytest.raises(ValidationError):
        minutes_publish(minutes=v1, actor=secretary)  # already published
    v2 = minutes_save_draft(meeting=meeting, text="Rättad.", reason="Fel datum.", actor=secretary)
    assert (v2.number, v2.previous, v2.correction_reason) == (2, v1, "Fel datum.")
    minutes_publish(minutes=v2, actor=secretary)
    v1.refresh_from_db()
    assert v1.text == "Original." and v1.status == Minutes.Status.PUBLISHED
    assert current_minutes(meeting) == v2
    assert list(published_minutes().filter(meeting=meeting)) == [v2]
    assert Minutes.objects.filter(meeting=meeting).count() == 2


def test_draft_edit_conflict(meeting):
    meeting, secretary, _member = meeting
    draft = minutes_save_draft(meeting=meeting, text="Första.", actor=secretary)
    minutes_save_draft(meeting=meeting, text="Andra.", version=draft.version, actor=secretary)
    with pytest.raises(ValidationError) as exc:
        minutes_save_draft(meeting=meeting, text="Tredje.", version=draft.version, actor=secretary)
    assert exc.value.code == "conflict"
    draft.refresh_from_db()
    assert draft.text == "Andra."


# --- Views (demo data) ---------------------------------------------------------------------------
def test_drafts_are_visible_only_to_the_officers(demo, db, login):
    meeting = _draft_meeting()
    draft = meeting.minutes.get(status=Minutes.Status.DRAFT)
    for role in ("steering", "communicator", "g7"):
        client = login(role)
        assert client.get(reverse("governance:meeting_minutes", args=[meeting.pk])).status_code == 404
        assert client.get(reverse("governance:minutes_version", args=[draft.pk])).status_code == 404
    page = login("chair").get(reverse("governance:meeting_minutes", args=[meeting.pk]))
    assert page.status_code == 200 and draft.text in page.content.decode()


def test_publishing_is_a_post(demo, db, login):
    draft = _draft_meeting().minutes.get(status=Minutes.Status.DRAFT)
    url = reverse("governance:minutes_publish", args=[draft.pk])
    assert login("chair").get(url).status_code == 405
    assert login("steering").post(url).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Minutes.Status.DRAFT


def test_published_minutes_are_read_by_the_whole_network(demo, db, login):
    meeting = _draft_meeting()
    draft = meeting.minutes.get(status=Minutes.Status.DRAFT)
    response = login("chair").post(reverse("governance:minutes_publish", args=[draft.pk]), {"confirmed": "1"})
    assert response.status_code == 302
    for role in ("communicator", "director", "weblead"):
        page = login(role).get(reverse("governance:meeting_minutes", args=[meeting.pk]))
        assert page.status_code == 200 and draft.text in page.content.decode()
    listing = login("communicator").get(reverse("governance:minutes_list")).content.decode()
    assert meeting.title in listing


def test_correction_through_the_form_keeps_the_history(demo, db, login):
    meeting = _draft_meeting()
    client = login("chair")
    client.post(reverse("governance:minutes_publish", args=[meeting.minutes.get().pk]), {"confirmed": "1"})
    edit = reverse("governance:minutes_edit", args=[meeting.pk])
    # A correction without a reason is refused, with the message on the form.
    response = client.post(edit, {"text": "Rättad text."})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    response = client.post(edit, {"text": "Rättad text.", "reason": "Fel i punkt 2."})
    assert response.status_code == 302
    correction = meeting.minutes.get(status=Minutes.Status.DRAFT)
    assert correction.number == 2 and correction.previous.number == 1
    client.post(reverse("governance:minutes_publish", args=[correction.pk]), {"confirmed": "1"})
    page = login("communicator").get(reverse("governance:meeting_minutes", args=[meeting.pk])).content.decode()
    assert "Rättad text." in page and "Fel i punkt 2." in page and "Version 1" in page and "Version 2" in page
    old = login("communicator").get(reverse("governance:minutes_version", args=[correction.previous_id]))
    assert "This version has been corrected by version 2." in old.content.decode()


def test_demo_has_a_corrected_second_version(demo, db):
    versions = list(_corrected_meeting().minutes.order_by("number"))
    assert [(v.number, v.status) for v in versions] == [(1, "published"), (2, "published")]
    assert versions[1].previous == versions[0] and versions[1].correction_reason


def test_second_writer_of_a_draft_gets_a_conflict(demo, db, login):
    meeting = _draft_meeting()
    draft = meeting.minutes.get()
    client = login("chair")
    edit = reverse("governance:minutes_edit", args=[meeting.pk])
    assert client.post(edit, {"text": "Från första.", "version": draft.version}).status_code == 302
    response = client.post(edit, {"text": "Från andra.", "version": draft.version})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this draft while you were editing it" in html and "Från andra." in html
    draft.refresh_from_db()
    assert draft.text == "Från första."
