"""Meetings: who plans and sees them, the agenda rule, joint meetings, attendance, lost updates,
and the meeting list's query count."""
from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.bodies.models import Body, Membership
from governance.meetings.models import Attendance, Meeting, Minutes
from governance.meetings.services import AgendaEntry, meeting_create, meeting_update
from tests.governance.factories import BodyFactory, MeetingFactory, MembershipFactory, UserFactory, stockholm

pytestmark = pytest.mark.usefixtures("english")


def _steering_meeting(title_start="Styrgruppsmöte: verksamhetsplanens uppföljning") -> Meeting:
    return Meeting.objects.get(title__startswith=title_start)


def _form_data(**overrides) -> dict:
    data = {
        "title": "Styrgruppsmöte i december",
        "start": "2030-12-02T09:00",
        "end": "2030-12-02T10:00",
        "place": "Jönköping",
        "online_link": "",
        "description": "",
        "agenda-TOTAL_FORMS": "3",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "60",
    }
    data.update(overrides)
    return data


@pytest.fixture
def group(db):
    """A working group with a chair (officer), a member and an outsider, permissions synced."""
    body = BodyFactory(name="Arbetsgrupp krisinfo")
    chair = UserFactory(username="wg-chair")
    member = UserFactory(username="wg-member")
    outsider = UserFactory(username="wg-outsider")
    MembershipFactory(body=body, user=chair, position=Membership.Position.CHAIR)
    MembershipFactory(body=body, user=member)
    return body, chair, member, outsider


# --- Rules ---------------------------------------------------------------------------------------
def test_meeting_must_end_after_start(group):
    body, chair, *_ = group
    with pytest.raises(ValidationError) as exc:
        meeting_create(body=body, title="Fel", start=stockholm(2030, 1, 10, 10), end=stockholm(2030, 1, 10, 9),
                       place="Växjö", actor=chair)
    assert "The meeting must end after it starts." in str(exc.value)


def test_meeting_needs_a_place_or_an_online_link(group):
    body, chair, *_ = group
    with pytest.raises(ValidationError) as exc:
        meeting_create(body=body, title="Var?", start=stockholm(2030, 1, 10, 9), end=stockholm(2030, 1, 10, 10),
                       actor=chair)
    assert "Give a place or an online meeting link" in str(exc.value)
    meeting = meeting_create(body=body, title="Digitalt", start=stockholm(2030, 1, 10, 9),
                             end=stockholm(2030, 1, 10, 10), online_link="https://meet.example/x", actor=chair)
    assert meeting.pk


def test_agenda_must_fit_within_the_meeting_service(group):
    body, chair, *_ = group
    agenda = [AgendaEntry("Inledning", 30), AgendaEntry("Budget", 45)]
    with pytest.raises(ValidationError) as exc:
        meeting_create(body=body, title="För långt", start=stockholm(2030, 1, 10, 9),
                       end=stockholm(2030, 1, 10, 10), place="Växjö", agenda=agenda, actor=chair)
    assert "its items take 75 minutes but the meeting is 60 minutes long" in exc.value.messages[0]
    assert not Meeting.objects.filter(title="För långt").exists()
    # Exactly the meeting's length is fine.
    meeting = meeting_create(body=body, title="Precis", start=stockholm(2030, 1, 10, 9),
                             end=stockholm(2030, 1, 10, 10, 15), place="Växjö", agenda=agenda, actor=chair)
    assert [i.title for i in meeting.agenda_items.order_by("order")] == ["Inledning", "Budget"]


def test_only_the_bodys_officers_may_create_meetings(group):
    body, _chair, member, _outsider = group
    with pytest.raises(PermissionDenied):
        meeting_create(body=body, title="Nej", start=stockholm(2030, 1, 10, 9), end=stockholm(2030, 1, 10, 10),
                       place="Växjö", actor=member)


def test_members_see_the_meeting_officers_manage_it(group):
    body, chair, member, outsider = group
    meeting = MeetingFactory(body=body)
    assert member.has_perm("governance.view_meeting", meeting) and chair.has_perm("governance.view_meeting", meeting)
    assert not outsider.has_perm("governance.view_meeting", meeting)
    assert chair.has_perm("governance.manage_meeting", meeting) and not member.has_perm("governance.manage_meeting", meeting)


def test_joint_meeting_is_seen_by_the_members_of_every_body(group):
    body, chair, member, outsider = group
    other = BodyFactory(name="Referensgrupp")
    MembershipFactory(body=other, user=outsider)
    meeting = meeting_create(body=body, joint_bodies=[other], title="Gemensamt", start=stockholm(2030, 2, 1, 9),
                             end=stockholm(2030, 2, 1, 11), place="Umeå", actor=chair)
    assert meeting.is_joint and [b.pk for b in meeting.bodies] == [body.pk, other.pk]
    assert outsider.has_perm("governance.view_meeting", meeting)
    assert not outsider.has_perm("governance.manage_meeting", meeting)
    assert set(Meeting.objects.for_bodies([other.pk])) == {meeting}
    solo = MeetingFactory(body=body)
    assert not solo.is_joint


# --- Views (demo data) ---------------------------------------------------------------------------
def test_agenda_that_does_not_fit_is_refused_on_the_form(demo, db, login):
    client = login("chair")
    steering = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=timezone.localdate().year)
    data = _form_data(**{
        "body": steering.pk,
        "agenda-0-title": "Verksamhetsplan", "agenda-0-duration_minutes": "45", "agenda-0-order": "1",
        "agenda-1-title": "Budget", "agenda-1-duration_minutes": "30", "agenda-1-order": "2",
    })
    response = client.post(reverse("governance:meeting_create"), data)
    assert response.status_code == 200
    assert "The agenda does not fit within the meeting: its items take 75 minutes but the meeting is 60 minutes" \
        in response.content.decode()
    assert not Meeting.objects.filter(title="Styrgruppsmöte i december").exists()
    # The user's input is still there.
    assert 'value="Verksamhetsplan"' in response.content.decode()


def test_the_agenda_error_is_translated(demo, db, login):
    client = login("chair")
    steering = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=timezone.localdate().year)
    data = _form_data(**{"body": steering.pk, "agenda-0-title": "Allt", "agenda-0-duration_minutes": "90"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = client.post(reverse("governance:meeting_create"), data)
    assert "Dagordningen ryms inte i mötet" in response.content.decode()


def test_chair_creates_a_meeting_with_agenda_in_stockholm_time(demo, db, login):
    client = login("chair")
    steering = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=timezone.localdate().year)
    data = _form_data(**{
        "body": steering.pk, "start": "2030-06-03T09:00", "end": "2030-06-03T11:00",
        "agenda-0-title": "Verksamhetsplan", "agenda-0-duration_minutes": "60",
        "agenda-0-presenter": str(Membership.objects.filter(body=steering).first().user_id),
    })
    response = client.post(reverse("governance:meeting_create"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Styrgruppsmöte i december")
    assert meeting.start == dt.datetime(2030, 6, 3, 7, 0, tzinfo=dt.UTC)  # 09:00 CEST
    assert meeting.agenda_items.get().presenter is not None
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "09:00" in page and "Verksamhetsplan" in page


def test_a_member_who_is_not_an_officer_cannot_create_or_edit(demo, db, login):
    client = login("steering")
    assert client.get(reverse("governance:meeting_create")).status_code == 403
    meeting = _steering_meeting()
    assert client.get(reverse("governance:meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert login("infochef").get(meeting.get_absolute_url()).status_code == 403


def test_second_editor_gets_a_conflict_and_keeps_their_input(demo, db, login):
    meeting = _steering_meeting("Styrgruppsmöte: verksamhetsplan och budget")
    url = reverse("governance:meeting_edit", args=[meeting.pk])
    chair = login("chair")
    form = chair.get(url).context["form"]
    start = timezone.localtime(meeting.start).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(meeting.end).strftime("%Y-%m-%dT%H:%M")
    base = _form_data(start=start, end=end, place=meeting.place, online_link=meeting.online_link,
                      version=str(form.initial["version"]))
    items = list(meeting.agenda_items.all())
    base.update({"agenda-TOTAL_FORMS": str(len(items)), "agenda-INITIAL_FORMS": str(len(items))})
    for i, item in enumerate(items):
        base.update({f"agenda-{i}-order": item.order, f"agenda-{i}-title": item.title,
                     f"agenda-{i}-duration_minutes": item.duration_minutes,
                     f"agenda-{i}-presenter": item.presenter_id or ""})
    # The first editor saves.
    first = chair.post(url, {**base, "title": "Ändrad av första"})
    assert first.status_code == 302, first.context["form"].errors
    # The second editor started from the same version: refused, input kept, nothing lost.
    second = chair.post(url, {**base, "title": "Ändrad av andra"})
    assert second.status_code == 200
    html = second.content.decode()
    assert "Someone else saved this meeting while you were editing it" in html
    assert 'value="Ändrad av andra"' in html
    meeting.refresh_from_db()
    assert meeting.title == "Ändrad av första" and meeting.version == 2
    # Saving again, knowingly, replaces it (the form now carries the current version).
    again = chair.post(url, second.context["form"].data)
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Ändrad av andra" and meeting.version == 3


def test_service_refuses_a_stale_version(group):
    body, chair, *_ = group
    meeting = MeetingFactory(body=body)
    kwargs = {"title": "Ny", "start": meeting.start, "end": meeting.end, "place": "Luleå", "actor": chair}
    meeting_update(meeting=meeting, version=1, **kwargs)
    with pytest.raises(ValidationError) as exc:
        meeting_update(meeting=meeting, version=1, **kwargs)
    assert exc.value.code == "conflict"


def test_meeting_list_shows_upcoming_and_past(demo, db, login):
    response = login("steering").get(reverse("governance:meeting_list"))
    upcoming = [m.title for m in response.context["upcoming"]]
    past = [m.title for m in response.context["past_page"]]
    assert "Styrgruppsmöte: verksamhetsplan och budget för nästa år" in upcoming
    assert "Styrgruppsmöte: verksamhetsplanens uppföljning" in past
    assert all(m.end >= timezone.now() for m in response.context["upcoming"])
    # Not a member of the information managers' network's meetings? steering is: it's there too.
    assert "Informationschefsnätverkets höstmöte" in upcoming
    # A communicator sees neither.
    response = login("communicator").get(reverse("governance:meeting_list"))
    assert not response.context["upcoming"] and not list(response.context["past_page"])


def test_meeting_list_can_be_narrowed_to_one_body(demo, db, login):
    network = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)
    response = login("chair").get(reverse("governance:meeting_list") + f"?organ={network.pk}")
    assert {m.body_id for m in response.context["upcoming"]} == {network.pk}


def test_the_meeting_list_shows_a_new_meeting_on_the_next_view(client, db):
    from governance.bodies.services import membership_create
    from tests.governance.factories import org

    user = UserFactory(organisation=org("F"))
    group = Body.objects.create(kind=Body.Kind.WORKING_GROUP, name="Arbetsgruppen för klarspråk")
    membership_create(body=group, user=user, start=dt.date(2020, 1, 1), actor=None,
                      position=Membership.Position.CHAIR)
    client.force_login(user)
    url = reverse("governance:meeting_list")
    assert "Klarspråksverkstad" not in client.get(url).content.decode()
    start = timezone.now() + dt.timedelta(days=3)
    meeting_create(body=group, title="Klarspråksverkstad", start=start, end=start + dt.timedelta(hours=2),
                   place="Jönköping", actor=user)
    assert "Klarspråksverkstad" in client.get(url).content.decode()


def test_g7_sees_the_joint_meeting_with_the_steering_group(demo, db, login):
    meeting = Meeting.objects.get(title__startswith="Gemensamt möte med G7")
    assert meeting.is_joint
    assert login("g7").get(meeting.get_absolute_url()).status_code == 200
    assert login("director").get(meeting.get_absolute_url()).status_code == 403


def test_attendance_is_recorded_per_member(demo, db, login):
    meeting = _steering_meeting("Styrgruppsmöte: verksamhetsplan och budget")
    client = login("chair")
    url = reverse("governance:meeting_attendance", args=[meeting.pk])
    form = client.get(url).context["form"]
    assert len(form.fields) == 6  # the six of the steering group
    steering = meeting.body.memberships.get(user__username="steering").user
    data = {name: "present" for name in form.fields}
    data[f"status_{steering.pk}"] = "excused"
    assert client.post(url, data).status_code == 302
    assert Attendance.objects.get(meeting=meeting, user=steering).status == Attendance.Status.EXCUSED
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == 5
    assert login("steering").post(url, data).status_code == 403


def test_minutes_published_state_is_queryable(demo, db):
    published = set(Meeting.objects.minutes_published().values_list("title", flat=True))
    assert "Styrgruppsmöte: verksamhetsplanens uppföljning" in published
    waiting = Meeting.objects.past().minutes_unpublished()
    assert waiting.filter(title__startswith="Styrgruppsmöte: krisberedskap").exists()
    row = Meeting.objects.with_minutes_state().get(title__startswith="Styrgruppsmöte: krisberedskap")
    assert row.minutes_published is False and row.minutes_draft is True


def test_dashboard_shows_next_meetings_and_minutes_to_publish(demo, db, login):
    response = login("chair").get(reverse("governance:home"))
    titles = [str(p.title) for p in response.context["panels"]]
    assert "Your next meetings" in titles or "Dina nästa möten" in titles
    html = response.content.decode()
    assert "Styrgruppsmöte: krisberedskap och kommunikation" in html  # minutes to publish
    steering_titles = [str(p.title) for p in login("steering").get(reverse("governance:home")).context["panels"]]
    assert not any(t in ("Minutes to publish", "Minnesanteckningar att publicera") for t in steering_titles)


# --- Query counts ------------------------------------------------------------------------------
def _make_meetings(body, other, n):
    """n meetings, alternately upcoming and past; some joint, some past ones with minutes."""
    now = timezone.now()
    for i in range(n):
        days = i + 1 if i % 2 == 0 else -(i + 1)
        start = now + dt.timedelta(days=days)
        meeting = MeetingFactory(body=body, start=start, end=start + dt.timedelta(hours=2))
        if i % 3 == 0:
            meeting.joint_bodies.add(other)
        if start < now and i % 4 == 3:
            Minutes.objects.create(meeting=meeting, text="x", status=Minutes.Status.PUBLISHED, published_at=now)


@pytest.mark.parametrize("page", ["governance:meeting_list", "governance:home"])
def test_meeting_list_and_dashboard_query_count_does_not_grow(client, db, django_assert_num_queries, page):
    body, other = BodyFactory(), BodyFactory()
    user = UserFactory()
    MembershipFactory(body=body, user=user, position=Membership.Position.CHAIR)
    MembershipFactory(body=other, user=user)
    client.force_login(user)
    url = reverse(page)
    _make_meetings(body, other, 2)  # one upcoming, one past: a row in each list
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _make_meetings(body, other, 48)
    assert Meeting.objects.filter(body=body).count() == 50
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_past_meetings_page_by_twenty_without_counting_them_and_any_page_number_answers(client, db):
    body = BodyFactory()
    user = UserFactory()
    MembershipFactory(body=body, user=user)
    now = timezone.now()
    for i in range(45):  # 45 past meetings: "Förflutet 00" the newest, "Förflutet 44" the oldest
        start = now - dt.timedelta(days=i + 1)
        MeetingFactory(body=body, title=f"Förflutet {i:02d}", start=start, end=start + dt.timedelta(hours=1))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"  # the pager's words in Swedish
    url = reverse("governance:meeting_list")

    def past(number):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"sida": number})
        assert response.status_code == 200
        assert not [q for q in ctx.captured_queries if 'COUNT(*)' in q["sql"] and "governance_meeting" in q["sql"]]
        return response, [m.title for m in response.context["past_page"]]

    response, first = past(1)
    assert first == [f"Förflutet {i:02d}" for i in range(20)]
    html = response.content.decode()
    assert "Sida 1" in html and "?sida=2" in html and "Nyare" not in html
    response, third = past(3)
    assert third == [f"Förflutet {i:02d}" for i in range(40, 45)]
    html = response.content.decode()
    assert "Sida 3" in html and "?sida=2" in html and "?sida=4" not in html
    for hostile in ("0", "-1", "x", "99999999999999999999", "1e3", "٣", ""):
        _response, shown = past(hostile)
        assert shown in (first, third), hostile  # the first page, or (٣ is 3) the third
    _response, beyond = past(7)
    assert beyond == first  # past the end: the first page, as Paginator.get_page shows a page that exists


def test_demo_meetings_are_idempotent(demo, db):
    import random

    from governance.demo import DemoContext
    from governance.meetings.demo import seed_meetings
    from governance.meetings.models import AgendaItem

    def counts():
        return [m.objects.count() for m in (Meeting, AgendaItem, Attendance, Minutes)]

    before = counts()
    seed_meetings(DemoContext(today=timezone.localdate(), scale=1, rng=random.Random(1)))
    assert counts() == before
    assert before[0] >= 6 and before[3] >= 4
