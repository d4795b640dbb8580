"""Every periodic task, declared in one place.

`manage.py sync_schedules` copies these into django-celery-beat's PeriodicTask table (the admin's
"Periodic tasks"), creating the missing rows only: a time or an on/off switch an administrator has
changed in the admin stays as it is. `manage.py sync_schedules --reset` puts the rows back to what
is declared here. Exactly one `celery beat` process may run (with the DatabaseScheduler).

Every task is a scan that derives what is due from the database and is idempotent (unique
notification keys), so a run that is missed is caught up by the next and a double run sends
nothing twice. Times are Europe/Stockholm."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Schedule:
    name: str
    task: str
    description: str
    # Crontab fields (minute, hour, day_of_week, day_of_month, month_of_year) or every_seconds.
    crontab: dict[str, str] | None = None
    every_seconds: int | None = None
    kwargs: dict = field(default_factory=dict)
    # A run not started by then is dropped (the next run does the same work): no pile-up in Redis
    # while the workers are down.
    expire_seconds: int | None = 3600


SCHEDULES: list[Schedule] = [
    Schedule(
        name="E-mail: send pending notifications",
        task="governance.notifications.tasks.send_pending_emails",
        description="The safety net for e-mails whose enqueue failed (Redis down) or whose task was lost.",
        every_seconds=5 * 60,
        expire_seconds=4 * 60,
    ),
    Schedule(
        name="E-mail: notification digests",
        task="governance.notifications.tasks.send_due_digests",
        description="Daily digests after DIGEST_HOUR (07:00 Europe/Stockholm), weekly ones from Monday at that hour: "
                    "each person's unread notifications of the kinds they chose a digest for, once per period.",
        every_seconds=15 * 60,
        expire_seconds=14 * 60,
    ),
    Schedule(
        name="Reminders: meetings",
        task="governance.meetings.tasks.meeting_reminders",
        description="Members are reminded of meetings Body.reminder_days days ahead (7 and 1 by default).",
        crontab={"minute": "0", "hour": "7"},
    ),
    Schedule(
        name="Reminders: minutes not published",
        task="governance.meetings.tasks.minutes_overdue_reminders",
        description="The chair or secretary is told when minutes are unpublished 3 days after a meeting.",
        crontab={"minute": "10", "hour": "7"},
    ),
    Schedule(
        name="Reminders: minutes to adjust",
        task="governance.meetings.tasks.minutes_adjustment_reminders",
        description="Adjusters who have not answered on draft minutes sent to them 3 days ago are reminded once.",
        crontab={"minute": "15", "hour": "7"},
    ),
    Schedule(
        name="Reminders: actions from the minutes",
        task="governance.meetings.tasks.action_item_reminders",
        description="The owner of an open action is reminded 3 days before it is due and once when it is overdue.",
        crontab={"minute": "20", "hour": "7"},
    ),
    Schedule(
        name="Reminders: conference registration deadline",
        task="governance.networks.tasks.conference_registration_reminders",
        description="Information managers whose organisation has registered nobody, 7 and 1 days before.",
        crontab={"minute": "20", "hour": "7"},
    ),
    Schedule(
        name="Reminders: consultation deadline",
        task="annualplan.tasks.consultation_deadline_reminders",
        description="Information managers who have not answered a plan's consultation, 7 and 1 days before.",
        crontab={"minute": "30", "hour": "7"},
    ),
    Schedule(
        name="Reminders: web management group quota at risk",
        task="webadmin.tasks.quota_at_risk_reminders",
        description="The web management group's leader when its meeting quota for the year is at risk.",
        crontab={"minute": "40", "hour": "7", "day_of_week": "1"},
    ),
    Schedule(
        name="Reminders: overdue invoices",
        task="fees.tasks.remind_overdue_invoices",
        description="Fee invoices past their due date and not paid.",
        crontab={"minute": "50", "hour": "7"},
    ),
    Schedule(
        name="G7 report: quarterly",
        task="governance.reports.tasks.g7_report_quarterly",
        description="Last quarter's G7 report on the first working day after the quarter (a no-op other days).",
        crontab={"minute": "30", "hour": "6", "day_of_week": "1-5", "day_of_month": "1-14",
                 "month_of_year": "1,4,7,10"},
    ),
    Schedule(
        name="Culling: draft the year's culling list",
        task="governance.records.tasks.culling_list_draft",
        description="Drafts the year's culling list from the retention schedule and tells the archivists; "
                    "nothing is removed until an archivist approves the list.",
        crontab={"minute": "0", "hour": "7", "day_of_month": "15", "month_of_year": "1"},
    ),
]
