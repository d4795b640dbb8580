"""Start page panels for reports and e-mail delivery: failed e-mails (superusers) and the latest
G7 report (those who may read it). A constant number of queries."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.notifications.models import Notification
from governance.panels import Panel
from governance.reports.models import G7Report


def panels(user, today: dt.date) -> list[Panel]:
    result = []
    if user.is_superuser:
        failed = Notification.objects.filter(email_status=Notification.EmailStatus.FAILED)
        count = failed.count()
        if count:
            latest = list(failed.select_related("recipient").order_by("-created_at", "-id")[:5])
            result.append(Panel(title=_("Failed e-mails"), template="governance/notifications/panels/failed_emails.html",
                                context={"count": count, "latest": latest}, level="warning"))
    if user.has_perm("governance.view_g7_reports"):
        report = G7Report.objects.order_by("-period_end", "-generated_at", "-pk").first()
        if report:
            result.append(Panel(title=_("G7 report"), template="governance/reports/panels/g7_report.html",
                                context={"report": report}))
    return result
