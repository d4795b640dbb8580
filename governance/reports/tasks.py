"""The G7 report's tasks: produced each quarter from beat, sent with retries."""
from __future__ import annotations

from celery import shared_task

from governance.authority import today
from governance.reports import services as reports


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def g7_report_quarterly() -> str:
    """Produce and send last quarter's G7 report on the first working day after the quarter
    (beat runs this every weekday morning; on other days and after the first run it does nothing)."""
    report = reports.g7_report_scheduled(today=today())
    return f"report {report.pk}" if report else "not due"


@shared_task(bind=True, acks_late=True, max_retries=3, time_limit=600, soft_time_limit=570)
def g7_report_send(self, report_id: int) -> int:
    """Send an archived G7 report to the G7 recipients (one notification each, PDF attached)."""
    return reports.g7_report_send(report_id=report_id)
