"""Digests instead of a mail per event (issue 19): per kind, immediately, a daily or a weekly digest
or none; a digest goes out at DIGEST_HOUR Europe/Stockholm, once per local day or ISO week (across
the daylight-saving changes), grouped by object, with only what is still unread."""
from __future__ import annotations

import datetime as dt
import smtplib
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.urls import reverse

from governance.notifications import kinds
from governance.notifications.digests import (
    digest_build,
    digest_deliver_email,
    digests_build_due,
    due_periods,
)
from governance.notifications.models import Digest, Notification, NotificationPreference
from governance.notifications.services import (
    EmailDeliveryError,
    delivery_for,
    notification_mark_read,
    notification_preferences_set,
    notification_send,
    wants_email,
)
from governance.notifications.tasks import send_due_digests, send_pending_emails
from tests import clock
from tests.conftest import need_service
from tests.governance.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
Delivery = NotificationPreference.Delivery


def local(y, m, d, hh=12, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def person(delivery=Delivery.DAILY, kind=kinds.GENERAL, **kwargs):
    user = UserFactory(**kwargs)
    NotificationPreference.objects.create(user=user, kind=kind, delivery=delivery)
    return user


def send(user, occasion, subject=None, kind=kinds.GENERAL, target=None, url="/notiser/"):
    n, _ = notification_send(kind=kind, recipient=user, subject=subject or f"Notis {occasion}", url=url,
                             occasion=occasion, target=target)
    return n


def run(moment: dt.datetime) -> int:
    """The 15-minute scan, run at `moment` (the clock stands still there)."""
    clock.at(moment, tick=False)
    return send_due_digests()


def digests(user) -> list[tuple[str, str]]:
    return [(m.subject, m.body) for m in mail.outbox if m.to == [user.email]]


# --- The choice --------------------------------------------------------------------------------
def test_each_kind_has_four_choices_and_a_kind_without_one_is_emailed_immediately():
    user = UserFactory()
    assert delivery_for(user, kinds.GENERAL) == Delivery.IMMEDIATELY and wants_email(user, kinds.GENERAL)
    for choice in (Delivery.DAILY, Delivery.WEEKLY, Delivery.NONE):
        notification_preferences_set(user=user, delivery_by_kind={kinds.GENERAL: choice})
        assert delivery_for(user, kinds.GENERAL) == choice and not wants_email(user, kinds.GENERAL)
    notification_preferences_set(user=user, email_by_kind={kinds.GENERAL: True})  # the older on/off choice
    assert wants_email(user, kinds.GENERAL)


def test_an_unknown_choice_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Okänt sätt att skicka notiser"):
        notification_preferences_set(user=UserFactory(), delivery_by_kind={kinds.GENERAL: "hourly"})


def test_a_digest_kind_sends_no_mail_of_its_own(django_capture_on_commit_callbacks):
    user = person(Delivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        n = send(user, "a")
    assert n.email_status == Notification.EmailStatus.NOT_WANTED and mail.outbox == []


def test_the_settings_page_offers_the_four_choices_in_swedish_and_saves_them(client):
    user = person(Delivery.WEEKLY, kind=kinds.PROPOSAL)
    client.force_login(user)
    page = client.get(reverse("governance:notification_preferences")).content.decode()
    for label in ("Omedelbart", "Daglig sammanfattning", "Veckosammanfattning", "Ingen"):
        assert label in page
    assert 'name="delivery_proposal"' in page and '<option value="weekly" selected>' in page
    assert "07:00" in page  # when the digests are sent
    data = {f"delivery_{code}": "immediately" for code in kinds.KINDS} | {"delivery_general": "daily"}
    assert client.post(reverse("governance:notification_preferences"), data).status_code == 302
    assert dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))[
        kinds.GENERAL] == "daily"
    response = client.post(reverse("governance:notification_preferences"), data | {"delivery_general": "hourly"})
    assert response.status_code == 200 and "Välj ett giltigt alternativ" in response.content.decode()


def test_the_demo_communicator_has_a_daily_digest(db, demo, client):
    from governance.people.models import User

    communicator = User.objects.get(username="communicator")
    assert delivery_for(communicator, kinds.PROPOSAL) == Delivery.DAILY
    client.force_login(communicator)
    page = client.get(reverse("governance:notification_preferences")).content.decode()
    assert '<option value="daily" selected>' in page


# --- When: a moving clock ------------------------------------------------------------------------
@pytest.mark.parametrize("days", [
    (dt.date(2026, 3, 28), dt.date(2026, 3, 29), dt.date(2026, 3, 30)),  # summer time begins on the 29th
    (dt.date(2026, 10, 24), dt.date(2026, 10, 25), dt.date(2026, 10, 26)),  # and ends on the 25th
])
def test_the_daily_digest_goes_out_at_seven_local_once_a_day_across_daylight_saving(days):
    user = person(Delivery.DAILY)
    sent_at: list[dt.datetime] = []
    moment = local(*days[0].timetuple()[:3], 0, 0).astimezone(dt.UTC)
    end = local(*(days[-1] + dt.timedelta(days=1)).timetuple()[:3], 0, 0).astimezone(dt.UTC)
    while moment < end:  # every 15 minutes, in real (UTC) time: 92, 96 or 100 runs a local day
        here = moment.astimezone(STOCKHOLM)
        if (here.hour, here.minute) == (1, 0):
            clock.at(moment, tick=False)
            send(user, f"{here:%Y-%m-%d %H:%M %Z}", subject=f"Notis {here:%Y-%m-%d}")
        before = len(mail.outbox)
        run(moment)
        if len(mail.outbox) > before:
            sent_at.append(here)
        moment += dt.timedelta(minutes=15)
    assert [(t.date(), t.hour, t.minute) for t in sent_at] == [(d, 7, 0) for d in days]
    for day, (_subject, body) in zip(days, digests(user), strict=True):
        assert f"Notis {day:%Y-%m-%d}" in body
    assert Digest.objects.filter(user=user).count() == 3


def test_the_weekly_digest_goes_out_on_monday_of_each_iso_week_once():
    user = person(Delivery.WEEKLY)
    sent_at = []
    moment = local(2026, 3, 24, 12).astimezone(dt.UTC)  # a Tuesday: this week's digest is due, empty
    while moment < local(2026, 4, 8).astimezone(dt.UTC):
        here = moment.astimezone(STOCKHOLM)
        if here.weekday() == 2 and here.hour == 12:  # something on Wednesdays
            clock.at(moment, tick=False)
            send(user, f"{here:%Y-%m-%d}", subject=f"Notis {here:%Y-%m-%d}")
        before = len(mail.outbox)
        run(moment)
        if len(mail.outbox) > before:
            sent_at.append(here)
        moment += dt.timedelta(hours=1)
    assert [(t.date(), t.hour) for t in sent_at] == [(dt.date(2026, 3, 30), 7), (dt.date(2026, 4, 6), 7)]
    assert "vecka 14" in digests(user)[0][0] and "Notis 2026-03-25" in digests(user)[0][1]
    assert "Notis 2026-04-01" in digests(user)[1][1] and "Notis 2026-03-25" not in digests(user)[1][1]
    weeks = Digest.objects.filter(user=user).order_by("period_start")
    assert [(d.period_start, d.size) for d in weeks] == [
        (dt.date(2026, 3, 23), 0), (dt.date(2026, 3, 30), 1), (dt.date(2026, 4, 6), 1)]


def test_the_hour_is_a_setting(settings):
    settings.DIGEST_HOUR = 9
    assert due_periods(local(2026, 6, 3, 8, 59)) == [("weekly", dt.date(2026, 6, 1))]
    assert due_periods(local(2026, 6, 3, 9, 0)) == [("daily", dt.date(2026, 6, 3)), ("weekly", dt.date(2026, 6, 1))]
    assert due_periods(local(2026, 6, 1, 8, 45)) == []  # Monday before the hour: last week's is done


def test_a_missed_run_is_caught_up_and_a_double_run_sends_nothing_twice():
    user = person(Delivery.DAILY)
    clock.at(local(2026, 6, 2, 18), tick=False)
    send(user, "a")
    run(local(2026, 6, 3, 6, 45))
    assert mail.outbox == []  # not before seven
    run(local(2026, 6, 3, 13, 15))  # beat was down all morning
    run(local(2026, 6, 3, 13, 15))
    run(local(2026, 6, 3, 13, 30))
    assert len(mail.outbox) == 1


# --- What is in it -------------------------------------------------------------------------------
def test_a_notification_read_before_the_digest_is_not_in_it_and_a_later_one_is_in_the_next():
    user = person(Delivery.DAILY)
    clock.at(local(2026, 6, 2, 18), tick=False)
    read, unread = send(user, "read", subject="Redan läst"), send(user, "unread", subject="Oläst")
    notification_mark_read(notification=read, user=user)
    run(local(2026, 6, 3, 7))
    clock.at(local(2026, 6, 3, 7, 5), tick=False)
    send(user, "later", subject="Efter sammanfattningen")
    run(local(2026, 6, 3, 7, 15))
    run(local(2026, 6, 4, 7))
    (first, body1), (_second, body2) = digests(user)
    assert "Oläst" in body1 and "Redan läst" not in body1 and "Efter sammanfattningen" not in body1
    assert "Efter sammanfattningen" in body2 and "Oläst" not in body2
    unread.refresh_from_db()
    assert unread.digest.period_start == dt.date(2026, 6, 3)


def test_a_notification_read_after_the_digest_was_built_but_before_its_email_is_left_out():
    user = person(Delivery.DAILY)
    clock.at(local(2026, 6, 2, 18), tick=False)
    n = send(user, "a")
    digest, created = digest_build(user_id=user.pk, period="daily", start=dt.date(2026, 6, 3), kinds={kinds.GENERAL})
    assert created and digest.notifications.count() == 1
    notification_mark_read(notification=n, user=user)
    assert digest_deliver_email(digest_id=digest.pk) == "empty" and mail.outbox == []


def test_nothing_unread_no_mail_and_an_empty_row_that_closes_the_period():
    user = person(Delivery.DAILY)
    run(local(2026, 6, 3, 7))
    digest = Digest.objects.get(user=user)
    assert (digest.size, digest.sent_at is not None) == (0, True) and mail.outbox == []
    clock.at(local(2026, 6, 3, 9), tick=False)
    send(user, "a")
    run(local(2026, 6, 3, 9, 15))  # the day's digest is done: this one waits for tomorrow's
    assert mail.outbox == [] and Digest.objects.filter(user=user).count() == 1
    run(local(2026, 6, 4, 7))
    assert len(mail.outbox) == 1


def test_only_the_kinds_chosen_for_the_digest_and_nothing_already_emailed(django_capture_on_commit_callbacks):
    user = person(Delivery.DAILY, kind=kinds.PROPOSAL)
    clock.at(local(2026, 6, 2, 18), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        send(user, "a", kind=kinds.GENERAL, subject="Allmänt, direkt")  # immediately (no choice)
        send(user, "b", kind=kinds.PROPOSAL, subject="Ett förslag")
    assert [m.subject for m in mail.outbox] == ["Allmänt, direkt"]
    notification_preferences_set(user=user, delivery_by_kind={kinds.GENERAL: Delivery.DAILY})
    run(local(2026, 6, 3, 7))
    assert len(mail.outbox) == 2
    assert "Ett förslag" in mail.outbox[1].body and "Allmänt, direkt" not in mail.outbox[1].body


# --- A change of mind loses nothing ----------------------------------------------------------------
def test_what_waited_for_the_weekly_digest_goes_with_the_daily_one_after_a_change():
    user = person(Delivery.WEEKLY)
    clock.at(local(2026, 6, 1, 10), tick=False)  # Monday, after this week's digest hour
    run(local(2026, 6, 1, 7, 15))  # this week's digest: nothing yet
    clock.at(local(2026, 6, 2, 10), tick=False)
    send(user, "tuesday", subject="Väntade på veckans sammanfattning")
    clock.at(local(2026, 6, 3, 12), tick=False)
    notification_preferences_set(user=user, delivery_by_kind={kinds.GENERAL: Delivery.DAILY})
    run(local(2026, 6, 4, 7))
    (_subject, body), = digests(user)
    assert "Väntade på veckans sammanfattning" in body


def test_what_waited_for_a_digest_is_emailed_when_the_choice_becomes_at_once(django_capture_on_commit_callbacks):
    user = person(Delivery.DAILY)
    clock.at(local(2026, 6, 2, 10), tick=False)
    waiting = send(user, "a", subject="Väntade på dagens sammanfattning")
    notification_preferences_set(user=user, delivery_by_kind={kinds.GENERAL: Delivery.IMMEDIATELY})
    waiting.refresh_from_db()
    assert waiting.email_status == Notification.EmailStatus.PENDING  # the pending scan sends it
    clock.at(local(2026, 6, 2, 10, 5), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        send_pending_emails()
    assert [m.subject for m in mail.outbox] == ["Väntade på dagens sammanfattning"]
    run(local(2026, 6, 3, 7))
    assert len(mail.outbox) == 1 and not Digest.objects.filter(user=user).exists()


def test_what_came_while_the_kind_was_in_the_portal_only_is_not_in_the_first_digest():
    user = person(Delivery.NONE)
    clock.at(local(2026, 6, 2, 8), tick=False)
    send(user, "before", subject="Bara i portalen")
    clock.at(local(2026, 6, 2, 9), tick=False)
    notification_preferences_set(user=user, delivery_by_kind={kinds.GENERAL: Delivery.DAILY})
    clock.at(local(2026, 6, 2, 9, 30), tick=False)
    send(user, "after", subject="Efter valet")
    run(local(2026, 6, 3, 7))
    (_subject, body), = digests(user)
    assert "Efter valet" in body and "Bara i portalen" not in body


@pytest.mark.django_db(transaction=True)
def test_a_change_to_at_once_while_the_digest_is_built_sends_each_notification_once():
    """Two at once: the person switches the kind to "at once" (its waiting notification is to be
    e-mailed on its own) while the scan builds the daily digest. Whichever commits first, the
    notification is e-mailed once: here the switch holds the row and the digest waits for it."""
    if connection.vendor != "postgresql":
        need_service("two at once need PostgreSQL's row locks (DATABASE_URL=postgres://…)")
    user = person(Delivery.DAILY)
    clock.at(local(2026, 6, 2, 10), tick=False)
    waiting = send(user, "a")
    built = {}

    def build():
        try:
            built["digest"], _ = digest_build(user_id=user.pk, period="daily", start=dt.date(2026, 6, 3),
                                              kinds={kinds.GENERAL})
        finally:
            close_old_connections()

    with transaction.atomic():
        notification_preferences_set(user=user, delivery_by_kind={kinds.GENERAL: Delivery.IMMEDIATELY})
        other = threading.Thread(target=build)
        other.start()
        other.join(timeout=2)
        assert other.is_alive(), "the digest's update waits for the row the switch holds"
    other.join(timeout=30)
    waiting.refresh_from_db()
    assert waiting.email_status == Notification.EmailStatus.PENDING and waiting.digest_id is None
    assert built["digest"].size == 0


def test_the_admins_form_keeps_what_waits_like_the_settings_page(client):
    # An administrator of its own (pytest-django's admin_client found the demo's "admin" only when
    # the module's demo data happened to be active on the worker, and failed to make one otherwise).
    admin_client = client
    admin_client.force_login(UserFactory(username="digest-admin", is_staff=True, is_superuser=True))
    user = person(Delivery.WEEKLY)
    clock.at(local(2026, 6, 1, 10), tick=False)  # Monday: waits for next Monday's digest
    send(user, "a", subject="Väntade")
    pref = NotificationPreference.objects.get(user=user)
    url = reverse("admin:governance_notificationpreference_change", args=[pref.pk])
    response = admin_client.post(url, {"user": user.pk, "kind": kinds.GENERAL, "delivery": Delivery.DAILY})
    assert response.status_code == 302, response.content.decode()[:2000]
    run(local(2026, 6, 3, 7))
    (_subject, body), = digests(user)
    assert "Väntade" in body


def test_the_email_groups_by_object_in_swedish_as_text_and_html(settings):
    settings.PORTAL_BASE_URL = "https://samordna.example.se"
    user = person(Delivery.DAILY)
    group_a, group_b = BodyFactory(name="Arbetsgrupp Webb"), BodyFactory(name="Arbetsgrupp Film")
    clock.at(local(2026, 6, 2, 18), tick=False)
    send(user, "1", subject="Möte i Webb", target=group_a, url="/organ/1/")
    send(user, "2", subject="Möte i Film", target=group_b)
    send(user, "3", subject="Protokoll i Webb", target=group_a)
    send(user, "4", subject="Utan objekt", target=None)
    run(local(2026, 6, 3, 7))
    (message,) = mail.outbox
    assert message.subject == "Samordna: dina olästa notiser, 3 juni 2026"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL and message.to == [user.email]
    assert message.extra_headers["Message-ID"].startswith("<digest.")
    body = message.body
    assert "4 olästa notiser" in body
    assert body.index("Arbetsgrupp Webb") < body.index("Möte i Webb") < body.index("Protokoll i Webb") \
        < body.index("Arbetsgrupp Film") < body.index("Möte i Film") < body.index("Övrigt") < body.index("Utan objekt")
    assert "https://samordna.example.se/organ/1/" in body and "https://samordna.example.se/notiser/installningar/" in body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and '<html lang="sv">' in html
    assert '<a href="https://samordna.example.se/organ/1/">Möte i Webb</a>' in html and "<h2>Övrigt</h2>" in html


# --- Exactly once --------------------------------------------------------------------------------
def test_building_twice_gives_one_row_and_the_database_refuses_a_second():
    user = person(Delivery.DAILY)
    first, created1 = digest_build(user_id=user.pk, period="daily", start=dt.date(2026, 6, 3), kinds={kinds.GENERAL})
    second, created2 = digest_build(user_id=user.pk, period="daily", start=dt.date(2026, 6, 3), kinds={kinds.GENERAL})
    assert created1 and not created2 and first.pk == second.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Digest.objects.create(user=user, period="daily", period_start=dt.date(2026, 6, 3))


def test_delivering_twice_sends_once_and_a_temporary_smtp_failure_is_retried(monkeypatch):
    from django.core.mail import EmailMessage

    user = person(Delivery.DAILY)
    clock.at(local(2026, 6, 2, 18), tick=False)
    send(user, "a")
    clock.at(local(2026, 6, 3, 7), tick=False)
    digests_build_due()
    digest = Digest.objects.get(user=user)
    real_send = EmailMessage.send

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPDataError(451, b"Try again later")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with pytest.raises(EmailDeliveryError):
        digest_deliver_email(digest_id=digest.pk)
    digest.refresh_from_db()
    assert digest.sent_at is None and "451" in digest.email_error
    monkeypatch.setattr(EmailMessage, "send", real_send)
    assert digest_deliver_email(digest_id=digest.pk) == "sent"
    assert digest_deliver_email(digest_id=digest.pk) == "sent"
    assert len(mail.outbox) == 1


def test_a_permanent_smtp_refusal_fails_the_digest_at_once(monkeypatch):
    from django.core.mail import EmailMessage

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPDataError(554, b"Refused")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    user = person(Delivery.DAILY)
    clock.at(local(2026, 6, 2, 18), tick=False)
    send(user, "a")
    run(local(2026, 6, 3, 7))
    digest = Digest.objects.get(user=user)
    assert digest.failed_at is not None and "554" in digest.email_error
    assert digests_build_due(local(2026, 6, 3, 8)) == []  # a failed one is not tried again by the scan
