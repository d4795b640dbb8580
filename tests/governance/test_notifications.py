"""Notifications: shown in the portal always, e-mailed per the user's choice per kind, sent at most
once per key, unread count on every page."""
from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from governance.notifications import kinds
from governance.notifications.models import Notification, NotificationPreference
from governance.notifications.services import notification_deliver_email, notification_send
from governance.notifications.tasks import send_pending_emails
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

SENT = Notification.EmailStatus.SENT


def _send(user, kind=kinds.GENERAL, occasion="x", subject="Hej"):
    return notification_send(kind=kind, recipient=user, subject=subject, body="Text", url="/notiser/",
                             occasion=occasion)


def test_a_notification_is_emailed_by_default(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        n, created = _send(user)
    assert created
    n.refresh_from_db()
    assert n.email_status == SENT and len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<notification.{n.pk}.")


def test_each_user_chooses_email_off_per_kind_and_the_portal_still_shows_it(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)
    # The settings page: every kind immediately except "membership", in the portal only.
    data = {f"delivery_{code}": "none" if code == kinds.MEMBERSHIP else "immediately" for code in kinds.KINDS}
    response = client.post(reverse("governance:notification_preferences"), data)
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=user, kind=kinds.MEMBERSHIP).delivery == "none"
    assert NotificationPreference.objects.get(user=user, kind=kinds.GENERAL).delivery == "immediately"

    with django_capture_on_commit_callbacks(execute=True):
        off, _ = _send(user, kind=kinds.MEMBERSHIP, subject="Du är vald")
        on, _ = _send(user, kind=kinds.GENERAL, subject="Allmänt")
    off.refresh_from_db()
    assert off.email_status == Notification.EmailStatus.NOT_WANTED
    assert [m.subject for m in mail.outbox] == ["Allmänt"]
    page = client.get(reverse("governance:notification_list")).content.decode()
    assert "Du är vald" in page and "Allmänt" in page


def test_another_users_choice_does_not_affect_mine(django_capture_on_commit_callbacks):
    me, other = UserFactory(), UserFactory()
    NotificationPreference.objects.create(user=other, kind=kinds.GENERAL, delivery="none")
    with django_capture_on_commit_callbacks(execute=True):
        _send(me)
        _send(other)
    assert [m.to for m in mail.outbox] == [[me.email]]


def test_the_same_key_twice_creates_one_notification_and_one_email(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first, created1 = _send(user, occasion="before-7d")
        second, created2 = _send(user, occasion="before-7d")
    assert created1 and not created2 and first.pk == second.pk
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(mail.outbox) == 1


def test_delivering_twice_sends_once():
    user = UserFactory()
    n, _ = _send(user)  # no on-commit execution: deliver by hand
    assert notification_deliver_email(notification_id=n.pk) == SENT
    assert notification_deliver_email(notification_id=n.pk) == SENT
    assert len(mail.outbox) == 1
    n.refresh_from_db()
    assert n.email_attempts == 1


def test_the_scan_sends_pending_emails_whose_enqueue_was_lost_and_nothing_twice(django_capture_on_commit_callbacks):
    user = UserFactory()
    n, _ = _send(user)  # the on-commit enqueue is "lost" (not executed)
    assert send_pending_emails(older_than_seconds=0) == 1
    n.refresh_from_db()
    assert n.email_status == SENT
    assert send_pending_emails(older_than_seconds=0) == 0
    assert len(mail.outbox) == 1


def test_a_temporary_smtp_failure_is_retried_then_marked_failed(monkeypatch):
    from django.core.mail import EmailMessage

    from governance.notifications.services import EmailDeliveryError

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPDataError(451, b"Try again later")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    user = UserFactory()
    n, _ = _send(user)
    for _attempt in range(4):
        with pytest.raises(EmailDeliveryError):
            notification_deliver_email(notification_id=n.pk, max_attempts=5)
    n.refresh_from_db()
    assert n.email_status == Notification.EmailStatus.PENDING and n.email_attempts == 4
    assert "451" in n.email_error  # recorded, not rolled back with the retry
    assert notification_deliver_email(notification_id=n.pk, max_attempts=5) == Notification.EmailStatus.FAILED
    n.refresh_from_db()
    assert n.email_attempts == 5


def test_a_permanent_smtp_refusal_fails_at_once(monkeypatch):
    from django.core.mail import EmailMessage

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPDataError(554, b"Refused")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    n, _ = _send(UserFactory())
    assert notification_deliver_email(notification_id=n.pk) == Notification.EmailStatus.FAILED


def test_a_delivery_lost_on_every_attempt_ends_failed_not_in_a_loop():
    n, _ = _send(UserFactory())
    # Five attempts were counted but the worker died each time before recording a result.
    Notification.objects.filter(pk=n.pk).update(email_attempts=5)
    assert notification_deliver_email(notification_id=n.pk, max_attempts=5) == Notification.EmailStatus.FAILED
    n.refresh_from_db()
    assert "worker was lost" in n.email_error and len(mail.outbox) == 0


def test_failed_emails_are_shown_to_superusers_only(client):
    n, _ = _send(UserFactory(), subject="Kallelse till styrgruppen")
    Notification.objects.filter(pk=n.pk).update(email_status=Notification.EmailStatus.FAILED, email_error="boom")
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("governance:home")).content.decode()
    assert "?email_status__exact=failed" in page and "Kallelse till styrgruppen" in page
    changelist = client.get("/admin/governance/notification/?email_status__exact=failed").content.decode()
    assert "Kallelse till styrgruppen" in changelist
    client.force_login(UserFactory())
    assert "?email_status__exact=failed" not in client.get(reverse("governance:home")).content.decode()


@pytest.mark.parametrize("name", ["governance:home", "governance:body_list", "governance:notification_list",
                                  "governance:notification_preferences"])
def test_the_unread_count_is_on_every_page(client, name):
    user = UserFactory()
    for i in range(3):
        _send(user, occasion=f"o{i}")
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response.context["unread_notifications"] == 3
    assert '<span class="badge text-bg-warning">3<' in response.content.decode()


def test_opening_a_notification_lowers_the_unread_count(client):
    user = UserFactory()
    n, _ = _send(user)
    _send(user, occasion="other")
    client.force_login(user)
    assert client.get(reverse("governance:home")).context["unread_notifications"] == 2
    client.post(reverse("governance:notification_open", args=[n.pk]))
    assert client.get(reverse("governance:home")).context["unread_notifications"] == 1


def test_a_missing_attachment_fails_the_email_at_once_with_the_reason():
    n, _ = _send(UserFactory())
    Notification.objects.filter(pk=n.pk).update(attachment="reports/g7/2026/gone.pdf")
    assert notification_deliver_email(notification_id=n.pk) == Notification.EmailStatus.FAILED
    n.refresh_from_db()
    assert "FileNotFoundError" in n.email_error and len(mail.outbox) == 0


def test_min_sida_shows_a_new_role_and_a_new_notification_on_the_next_view(client):
    from governance.authority import today
    from governance.bodies.models import Body
    from governance.bodies.services import membership_create
    from governance.notifications.services import notification_mark_read
    from governance.people.models import Organisation, User

    user = User.objects.create_user("ordf", password="x" * 12, organisation=Organisation.objects.get(code="F"),
                                    first_name="Karin")
    client.force_login(user)
    page = client.get(reverse("governance:home")).content.decode()
    network = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)
    assert str(network) not in page
    membership_create(body=network, user=user, start=today(), actor=None)
    page = client.get(reverse("governance:home")).content.decode()
    assert str(network) in page

    assert 'text-bg-warning">' not in page  # no unread notifications in the header
    notification, _ = notification_send(kind="general", recipient=user, subject="Möte i morgon klockan nio",
                                        body="Välkommen.", url="/moten/", target=network, occasion="test")
    page = client.get(reverse("governance:home")).content.decode()
    assert "Möte i morgon klockan nio" in page
    assert 'text-bg-warning">1<' in page
    notification_mark_read(notification=notification, user=user)
    page = client.get(reverse("governance:home")).content.decode()
    assert "Möte i morgon klockan nio" not in page and 'text-bg-warning">' not in page
