"""Demo: every periodic scan run once as beat would today (so each demo account has notifications),
last quarter's G7 report archived and sent to G7, and a welcome notification for each demo
account. Idempotent: notification keys and the one-scheduled-report-per-period rule. Runs after
every other app's seeder (last in DEMO_SEEDERS). The demo's e-mails are not sent: the portal
shows the notifications, the console stays quiet."""
from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from governance.demo import DEMO_ACCOUNTS, DemoContext
from governance.notifications import kinds
from governance.notifications.models import Notification
from governance.people.models import User

log = logging.getLogger("samordna.demo")


def seed(ctx: DemoContext) -> None:
    from governance.notifications.services import notification_send
    from governance.reports.services import g7_report_create, g7_report_send, previous_period

    started = timezone.now()
    for path in settings.DEMO_SCANS:  # each app's scans, declared in the settings (config imports the apps)
        import_string(path)(today=ctx.today)

    start, end = previous_period(ctx.today)
    report, _created = g7_report_create(start=start, end=end, actor=None, scheduled=True)
    g7_report_send(report_id=report.pk)

    for username, _description in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        notification_send(
            kind=kinds.GENERAL, recipient=user, subject=_("Welcome to Samordna"),
            body=_("Your notifications appear here and, if you wish, by e-mail. Choose per kind under "
                   "notification settings."),
            url="/notiser/installningar/", occasion="demo-welcome",
        )
    # The demo sends no e-mail: what was just created stays in the portal only.
    Notification.objects.filter(created_at__gte=started, email_status=Notification.EmailStatus.PENDING).update(
        email_status=Notification.EmailStatus.NOT_WANTED
    )
