"""Periodic scans and the schedules: what is due is derived from the database, every reminder is
sent once however often the scan runs, and config/schedules.py reaches django-celery-beat without
overwriting an administrator's changes."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from config.schedules import SCHEDULES
from governance.bodies.models import Body, Membership
from governance.meetings.models import Meeting, Minutes
from governance.meetings.reminders import meeting_reminders, minutes_overdue
from governance.networks.models import Conference
from governance.networks.reminders import conference_registration_deadlines
from governance.notifications import kinds
from governance.notifications.models import Notification
from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    UserFactory,
    info_manager,
    org,
    standing,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def meeting(body: Body, day: dt.date, title: str = "Styrgruppsmöte", **extra) -> Meeting:
    return Meeting.objects.create(body=body, title=title, start=at(day), end=at(day, 12), place="Jönköping", **extra)


def group_with_members(n: int = 2, **body_kwargs) -> tuple[Body, list]:
    body = BodyFactory(**body_kwargs)
    users = [MembershipFactory(body=body).user for _ in range(n)]
    return body, users


def reminders_of(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).order_by("recipient_id", "occasion"))


# --- Meeting reminders -------------------------------------------------------------------------------
def test_members_are_reminded_7_days_and_1_day_before_by_default():
    body, users = group_with_members(2)
    m = meeting(body, TODAY + dt.timedelta(days=7))
    assert meeting_reminders(today=TODAY) == 2
    assert {n.occasion for n in reminders_of(kinds.MEETING_REMINDER)} == {"before-7d"}
    assert meeting_reminders(today=TODAY + dt.timedelta(days=3)) == 0  # nothing due between
    assert meeting_reminders(today=TODAY + dt.timedelta(days=6)) == 2
    assert {n.occasion for n in reminders_of(kinds.MEETING_REMINDER)} == {"before-7d", "before-1d"}
    assert all(n.target == m and n.url == m.get_absolute_url() for n in reminders_of(kinds.MEETING_REMINDER))


def test_running_the_scan_twice_sends_nothing_twice(django_capture_on_commit_callbacks):
    body, users = group_with_members(3)
    meeting(body, TODAY + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders(today=TODAY) == 3
        assert meeting_reminders(today=TODAY) == 0
    assert len(mail.outbox) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_a_missed_day_is_caught_up_the_next_day():
    body, _users = group_with_members(1)
    meeting(body, TODAY + dt.timedelta(days=7))
    # Beat was down on TODAY; one day later the 7-day reminder still goes out, once.
    assert meeting_reminders(today=TODAY + dt.timedelta(days=1)) == 1
    assert reminders_of(kinds.MEETING_REMINDER)[0].occasion == "before-7d"


def test_reminder_days_are_configurable_per_body():
    body, _ = group_with_members(1, reminder_days="14, 3")
    quiet, _ = group_with_members(1, reminder_days="")
    meeting(body, TODAY + dt.timedelta(days=14))
    meeting(quiet, TODAY + dt.timedelta(days=1))
    assert meeting_reminders(today=TODAY) == 1
    assert reminders_of(kinds.MEETING_REMINDER)[0].occasion == "before-14d"


def test_reminder_days_must_be_whole_days():
    from django.utils.translation import override

    body = BodyFactory.build(reminder_days="7, en vecka")
    with override("en"):
        with pytest.raises(ValidationError) as exc:
            body.full_clean()
        assert "Give whole numbers of days between 0 and 90" in str(exc.value)


def test_a_person_in_both_bodies_of_a_joint_meeting_gets_one_reminder():
    body, users = group_with_members(1)
    other, other_users = group_with_members(1)
    MembershipFactory(body=other, user=users[0])
    m = meeting(body, TODAY + dt.timedelta(days=1))
    m.joint_bodies.add(other)
    assert meeting_reminders(today=TODAY) == 2
    assert {n.recipient for n in reminders_of(kinds.MEETING_REMINDER)} == {users[0], other_users[0]}


def test_people_who_left_the_body_before_the_meeting_are_not_reminded():
    body, users = group_with_members(1)
    MembershipFactory(body=body, end=TODAY)  # leaves before the meeting
    meeting(body, TODAY + dt.timedelta(days=7))
    assert meeting_reminders(today=TODAY) == 1
    assert reminders_of(kinds.MEETING_REMINDER)[0].recipient == users[0]


# --- Minutes not published -----------------------------------------------------------------------
def test_the_chair_and_secretary_are_told_when_minutes_are_unpublished_3_days_after():
    body = BodyFactory()
    chair = MembershipFactory(body=body, position=Membership.Position.CHAIR).user
    secretary = MembershipFactory(body=body, position=Membership.Position.SECRETARY).user
    MembershipFactory(body=body)  # a member: not told
    m = meeting(body, TODAY - dt.timedelta(days=3))
    assert minutes_overdue(today=TODAY - dt.timedelta(days=1)) == 0  # 2 days: not yet
    assert minutes_overdue(today=TODAY) == 2
    assert minutes_overdue(today=TODAY + dt.timedelta(days=1)) == 0  # once
    assert {n.recipient for n in reminders_of(kinds.MINUTES_OVERDUE)} == {chair, secretary}
    assert reminders_of(kinds.MINUTES_OVERDUE)[0].target == m


def test_published_minutes_stop_the_reminder():
    body = BodyFactory()
    MembershipFactory(body=body, position=Membership.Position.CHAIR)
    m = meeting(body, TODAY - dt.timedelta(days=5))
    Minutes.objects.create(meeting=m, text="Protokoll", status=Minutes.Status.PUBLISHED, published_at=at(TODAY))
    assert minutes_overdue(today=TODAY) == 0


# --- Conference registration deadline ------------------------------------------------------------
def test_information_managers_whose_organisation_registered_nobody_are_reminded():
    from governance.networks.models import ConferenceRegistration

    registered, late = info_manager("AB"), info_manager("C")
    conference = Conference.objects.create(year=2026, title="Kommunikatörskonferensen", date=TODAY + dt.timedelta(days=30),
                                           registration_deadline=TODAY + dt.timedelta(days=7))
    ConferenceRegistration.objects.create(conference=conference, participant=registered, organisation=org("AB"))
    assert conference_registration_deadlines(today=TODAY) >= 1
    recipients = {n.recipient for n in reminders_of(kinds.CONFERENCE_DEADLINE)}
    assert late in recipients and registered not in recipients
    assert conference_registration_deadlines(today=TODAY) == 0


# --- The other apps' scans -----------------------------------------------------------------------
def test_consultation_reminders_go_to_information_managers_who_have_not_answered():
    from annualplan.models import ConsultationAnswer, Plan
    from annualplan.tasks import consultation_deadline_reminders_for

    answered, silent = info_manager("AB"), info_manager("C")
    plan = Plan.objects.create(year=2027, title="Verksamhetsplan 2027", status=Plan.Status.CONSULTATION,
                               consultation_deadline=TODAY + dt.timedelta(days=1))
    ConsultationAnswer.objects.create(plan=plan, organisation=org("AB"), answered_by=answered,
                                      answered_at=at(TODAY), **_answer_fields())
    assert consultation_deadline_reminders_for(today=TODAY) >= 1
    recipients = set(Notification.objects.filter(target_id=plan.pk, occasion__startswith="consultation")
                     .values_list("recipient_id", flat=True))
    assert silent.pk in recipients and answered.pk not in recipients
    assert consultation_deadline_reminders_for(today=TODAY) == 0


def _answer_fields() -> dict:
    from annualplan.models import ConsultationAnswer

    fields = {f.name for f in ConsultationAnswer._meta.get_fields()}
    extra = {}
    if "position" in fields:
        extra["position"] = ConsultationAnswer.Position.values[0]
    return extra


# --- Schedules ----------------------------------------------------------------------------------------
def test_every_declared_schedule_names_a_registered_task():
    from config.celery_app import app

    app.loader.import_default_modules()
    missing = [s.task for s in SCHEDULES if s.task not in app.tasks]
    assert not missing, f"config/schedules.py names tasks that do not exist: {missing}"


def test_every_scheduled_task_has_a_time_limit_and_acks_late():
    from config.celery_app import app

    app.loader.import_default_modules()
    for s in SCHEDULES:
        task = app.tasks.get(s.task)
        if task is None:
            continue
        assert task.time_limit and task.acks_late, s.task


def test_sync_schedules_creates_the_missing_rows_and_keeps_an_admins_changes():
    call_command("sync_schedules", stdout=io.StringIO(), stderr=io.StringIO())
    assert set(PeriodicTask.objects.values_list("name", flat=True)) >= {s.name for s in SCHEDULES}
    row = PeriodicTask.objects.get(name="Reminders: meetings")
    assert row.crontab.hour == "7" and row.crontab.minute == "0" and str(row.crontab.timezone) == "Europe/Stockholm"
    # An administrator moves it to 06:15 and switches the quota reminder off.
    row.crontab = type(row.crontab).objects.create(minute="15", hour="6", timezone="Europe/Stockholm")
    row.save()
    PeriodicTask.objects.filter(name__startswith="Reminders: web").update(enabled=False)
    PeriodicTask.objects.filter(name="Reminders: overdue invoices").delete()

    out = io.StringIO()
    call_command("sync_schedules", stdout=out, stderr=io.StringIO())
    row.refresh_from_db()
    assert row.crontab.hour == "6" and row.crontab.minute == "15"
    assert not PeriodicTask.objects.get(name__startswith="Reminders: web").enabled
    assert PeriodicTask.objects.filter(name="Reminders: overdue invoices").exists()  # missing: created again
    assert "1 created" in out.getvalue()

    call_command("sync_schedules", "--reset", stdout=io.StringIO(), stderr=io.StringIO())
    row.refresh_from_db()
    assert row.crontab.hour == "7" and row.crontab.minute == "0"
    assert PeriodicTask.objects.get(name__startswith="Reminders: web").enabled


def test_no_reminder_is_a_task_with_a_long_countdown():
    """DESIGN: a reminder due later is a database row; a scan sends it. The pending-email scan
    expires before its next run, so stopped workers never find a pile of them in Redis."""
    pending = next(s for s in SCHEDULES if s.task == "governance.notifications.tasks.send_pending_emails")
    assert pending.every_seconds and pending.expire_seconds < pending.every_seconds


def test_g7_members_are_the_report_recipients():
    from governance.reports.services import g7_recipients

    member = UserFactory()
    MembershipFactory(body=standing(Body.Kind.G7), user=member)
    assert g7_recipients(TODAY) == [member]


def test_the_web_management_group_is_told_when_its_meeting_quota_is_at_risk():
    from webadmin.tasks import quota_at_risk_reminders_for

    day = dt.date(2026, 11, 2)  # no meeting held or scheduled, two months left
    group = Body.objects.create(kind=Body.Kind.WEB_MANAGEMENT_GROUP, name="Webbförvaltningsgruppen", year=2026)
    leader = MembershipFactory(body=group, position=Membership.Position.CHAIR, start=dt.date(2026, 1, 1),
                               end=dt.date(2026, 12, 31)).user
    MembershipFactory(body=group, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert quota_at_risk_reminders_for(today=day) == 1
    assert quota_at_risk_reminders_for(today=day + dt.timedelta(days=7)) == 0  # once a month
    assert Notification.objects.get(occasion="quota-at-risk-2026-11").recipient == leader


def test_the_chair_sets_the_bodys_reminders_and_the_next_run_follows_them(client):
    """Issue 15: the reminder days (7 and 1) were fixed in code; each body's chair sets its own."""
    from django.urls import reverse

    from tests import clock

    clock.at(TODAY)
    body, (member,) = group_with_members(1)
    chair = MembershipFactory(body=body, position=Membership.Position.CHAIR).user
    meeting(body, TODAY + dt.timedelta(days=3))
    url = reverse("governance:body_reminders_edit", kwargs={"pk": body.pk})
    client.force_login(member)
    assert client.post(url, {"send": "on", "days": "3"}).status_code == 403
    client.force_login(chair)
    page = client.get(url).content.decode()
    assert 'value="7, 1"' in page and "checked" in page
    # Nonsense is refused with the reason, and what was typed is kept; reminders on need days.
    bad = client.post(url, {"send": "on", "days": "sju"})
    assert bad.status_code == 200 and 'value="sju"' in bad.content.decode()
    assert client.post(url, {"send": "on", "days": ""}).status_code == 200
    body.refresh_from_db()
    assert body.reminder_offsets == [7, 1]
    assert client.post(url, {"send": "on", "days": "3, 10"}).status_code == 302
    body.refresh_from_db()
    assert body.reminder_offsets == [10, 3]
    assert body.history.first().history_user == chair
    # Three days before the meeting its members are reminded (with 7 and 1 nothing was due today).
    assert meeting_reminders(today=TODAY) == 2
    # Switched off: nobody is reminded.
    assert client.post(url, {"days": "3"}).status_code == 302
    body.refresh_from_db()
    assert body.reminder_offsets == []
    meeting(body, TODAY + dt.timedelta(days=10), title="Nästa")
    assert meeting_reminders(today=TODAY) == 0
