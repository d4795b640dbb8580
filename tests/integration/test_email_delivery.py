"""Notification e-mail through real Redis, a real Celery worker process and an SMTP sink.

The guarantee under test (governance.notifications.services.notification_deliver_email): one notification
row per key; its e-mail is handed to SMTP once; a duplicate task, a re-run, a scan overlapping a
live task, a worker killed mid-delivery or Redis down at save time all still end in exactly one
message at the sink."""
from __future__ import annotations

import time

import pytest

from governance.notifications import kinds
from governance.notifications.models import Notification
from governance.notifications.services import notification_send
from governance.notifications.tasks import send_notification_email, send_pending_emails
from tests.governance.factories import UserFactory

from .conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SENT = Notification.EmailStatus.SENT
PENDING = Notification.EmailStatus.PENDING
FAILED = Notification.EmailStatus.FAILED


def status_of(n: Notification) -> str:
    n.refresh_from_db()
    return n.email_status


def send(username: str = "anna", subject: str = "Möte i styrgruppen") -> Notification:
    user = UserFactory(username=username, email=f"{username}@example.org")
    notification, created = notification_send(
        kind=kinds.GENERAL, recipient=user, subject=subject, body="Välkommen.", url="/notiser/", occasion="test"
    )
    assert created
    return notification


def test_an_email_goes_through_redis_to_the_worker_and_arrives_once(start_worker, smtp_sink):
    start_worker()
    n = send()
    wait_for(lambda: status_of(n) == SENT, message="the notification to be sent")
    assert len(smtp_sink.messages) == 1
    message = smtp_sink.messages[0]
    assert message["to"] == ["anna@example.org"]
    assert message["subject"] == "Möte i styrgruppen"
    assert message["message_id"].startswith(f"<notification.{n.pk}.")
    n.refresh_from_db()
    assert n.email_attempts == 1 and n.email_sent_at is not None and n.email_error == ""


def test_the_task_run_twice_and_delivered_concurrently_sends_one_email(start_worker, smtp_sink):
    workers = [start_worker(), start_worker()]
    n = send()
    # The on_commit enqueue, two more deliveries of the same task and a scan: five deliveries
    # over two worker processes, some of them at the same moment.
    send_notification_email.delay(n.pk)
    send_notification_email.delay(n.pk)
    send_pending_emails.delay(older_than_seconds=0)
    wait_for(lambda: status_of(n) == SENT, message="the notification to be sent")
    wait_for(
        lambda: sum(w.output().count("succeeded") for w in workers) >= 4,
        message="every delivery to finish",
    )
    time.sleep(1)
    assert len(smtp_sink.messages) == 1
    n.refresh_from_db()
    assert n.email_attempts <= 4  # attempts are counted; only one of them sent


def test_a_worker_killed_in_the_middle_of_sending_is_replaced_and_the_mail_arrives_once(start_worker, smtp_sink):
    # A short visibility timeout, so Redis hands the unacknowledged task out again within seconds
    # (production: 3600 s, longer than any task's time limit).
    worker = start_worker(CELERY_VISIBILITY_TIMEOUT=3)
    smtp_sink.handler.stall_next()
    n = send()
    assert smtp_sink.handler.stalled.wait(30), worker.output()[-2000:]
    worker.kill()  # SIGKILL while the worker waits for the SMTP server: nothing acknowledged
    smtp_sink.handler.released.set()
    assert status_of(n) == PENDING  # the delivery's transaction died with the process
    assert smtp_sink.messages == []

    replacement = start_worker(CELERY_VISIBILITY_TIMEOUT=3)
    wait_for(lambda: status_of(n) == SENT, timeout=60, message="the redelivered task to send the mail")
    assert len(smtp_sink.messages) == 1
    n.refresh_from_db()
    assert n.email_attempts == 2  # the killed attempt and the one that sent

    # The scan afterwards (beat every few minutes) finds nothing pending and sends nothing.
    send_pending_emails.delay(older_than_seconds=0)
    wait_for(lambda: "send_pending_emails" in replacement.output() and replacement.output().count("succeeded") >= 2,
             message="the scan to run")
    time.sleep(0.5)
    assert len(smtp_sink.messages) == 1


def test_with_the_production_visibility_timeout_the_scan_recovers_a_killed_delivery_once(start_worker, smtp_sink):
    """Production: Redis would hand the killed task out again only after an hour; the scan of
    pending e-mails (rows already attempted, after 15 minutes) sends it first — once."""
    worker = start_worker()  # visibility timeout 3600 s
    smtp_sink.handler.stall_next()
    n = send()
    assert smtp_sink.handler.stalled.wait(30), worker.output()[-2000:]
    worker.kill()
    smtp_sink.handler.released.set()
    replacement = start_worker()
    time.sleep(2)
    assert status_of(n) == PENDING and smtp_sink.messages == []  # nothing redelivered yet
    send_pending_emails.delay(older_than_seconds=0, retrying_older_than_seconds=0)  # beat, 15 min later
    wait_for(lambda: status_of(n) == SENT, message="the scan to send the mail")
    send_pending_emails.delay(older_than_seconds=0, retrying_older_than_seconds=0)
    wait_for(lambda: replacement.output().count("succeeded") >= 3, message="the second scan to run")
    time.sleep(0.5)
    assert len(smtp_sink.messages) == 1


def test_redis_down_during_a_save_the_save_succeeds_and_the_scan_sends_the_mail_later(
    start_worker, smtp_sink, celery_broker, client
):
    worker = start_worker()
    with celery_broker.down():
        started = time.monotonic()
        n = send()  # commits; enqueue fails and is logged
        elapsed = time.monotonic() - started
        # A page that enqueues: the admin's "retry e-mail" action on a failed notification.
        failed = send(username="bertil")
        Notification.objects.filter(pk=failed.pk).update(email_status=FAILED, email_attempts=5)
        admin = UserFactory(username="root", is_staff=True, is_superuser=True)
        client.force_login(admin)
        response = client.post(
            "/admin/governance/notification/",
            {"action": "retry_email", "_selected_action": [failed.pk]},
        )
        assert response.status_code == 302
    assert elapsed < 10, f"the save waited {elapsed:.1f}s for Redis"
    assert status_of(n) == PENDING and status_of(failed) == PENDING
    time.sleep(1)
    assert smtp_sink.messages == []

    # Redis is back: beat's scan (send_pending_emails) delivers both, once each.
    send_pending_emails.delay(older_than_seconds=0)
    wait_for(lambda: status_of(n) == SENT and status_of(failed) == SENT, message="the scan to send the mails")
    send_pending_emails.delay(older_than_seconds=0)
    wait_for(lambda: worker.output().count("send_pending_emails") >= 2 and worker.output().count("succeeded") >= 4,
             message="the second scan to run")
    time.sleep(0.5)
    assert sorted(m["to"][0] for m in smtp_sink.messages) == ["anna@example.org", "bertil@example.org"]


def test_a_temporary_smtp_failure_is_retried_with_backoff_then_marked_failed_and_shown_to_admins(
    start_worker, smtp_sink, client
):
    smtp_sink.handler.refuse = "451 4.3.0 Try again later"
    start_worker(EMAIL_RETRY_BASE_SECONDS=0.25)  # 0.25, 0.5, 1, 2 s between the five attempts
    started = time.monotonic()
    n = send()
    wait_for(lambda: status_of(n) == FAILED, timeout=90, message="the notification to fail for good")
    assert time.monotonic() - started >= 0.25 + 0.5 + 1 + 2 - 0.25  # the backoff was waited
    n.refresh_from_db()
    assert n.email_attempts == 5 and smtp_sink.handler.refused == 5
    assert "451" in n.email_error
    assert smtp_sink.messages == []

    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = client.get("/admin/governance/notification/?email_status__exact=failed")
    assert n.subject in changelist.content.decode()
    home = client.get("/").content.decode()  # the start page's panel for superusers
    assert "/admin/governance/notification/?email_status__exact=failed" in home
    assert n.subject in home


def test_a_permanent_smtp_refusal_fails_at_once(start_worker, smtp_sink):
    smtp_sink.handler.refuse = "554 5.7.1 Refused by the test sink"
    start_worker()
    n = send()
    wait_for(lambda: status_of(n) == FAILED, message="the notification to fail")
    n.refresh_from_db()
    assert n.email_attempts == 1 and smtp_sink.handler.refused == 1 and "554" in n.email_error


def test_the_digest_scan_run_three_times_over_two_workers_sends_one_digest(start_worker, smtp_sink):
    from governance.notifications.models import Digest, NotificationPreference
    from governance.notifications.tasks import send_due_digests

    # DIGEST_HOUR=0: today's digest is due whenever the test runs.
    workers = [start_worker(DIGEST_HOUR=0), start_worker(DIGEST_HOUR=0)]
    user = UserFactory(username="berit", email="berit@example.org")
    NotificationPreference.objects.create(user=user, kind=kinds.GENERAL, delivery="daily")
    for occasion in ("a", "b"):
        notification_send(kind=kinds.GENERAL, recipient=user, subject=f"Notis {occasion}", url="/notiser/",
                          occasion=occasion)
    assert smtp_sink.messages == []  # no e-mail of their own
    for _run in range(3):
        send_due_digests.delay()
    wait_for(lambda: Digest.objects.filter(user=user, sent_at__isnull=False).exists(), message="the digest")
    wait_for(lambda: sum(1 for w in workers for line in w.output().splitlines()
                         if "send_due_digests" in line and "succeeded" in line) >= 3, message="every scan")
    time.sleep(1)
    assert len(smtp_sink.messages) == 1 and Digest.objects.filter(user=user).count() == 1
    message = smtp_sink.messages[0]
    assert message["to"] == ["berit@example.org"] and message["subject"].startswith("Samordna: dina olästa notiser")
    assert message["message_id"].startswith("<digest.")
    body = message["message"].get_body(preferencelist=("plain",)).get_content()
    assert "Notis a" in body and "Notis b" in body
    assert message["message"].get_body(preferencelist=("html",)) is not None
