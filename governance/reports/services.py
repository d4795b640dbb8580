"""The G7 report: produce (snapshot + PDF), archive, send.

Content comes from settings.G7_REPORT_SECTIONS, callables (start, end) -> a section, a list of
sections or None, so each
app contributes its part and governance imports none of them. A section is a JSON-able dict:

    {"key": "budget", "title": "Budget", "text": ["…"],
     "tables": [{"caption": "…", "headers": ["…"], "rows": [["…", "…"]]}],
     "chart": {"title": "…", "unit": "kr", "categories": ["Staff", …],
               "series": [{"name": "Budget", "values": [1.0, …]}, …]}}

Every key but "key" and "title" is optional. A text in it is a lazy translation or a texts.Text
(numbers in it texts.number): the snapshot keeps them untranslated (governance.texts) and the page
and the PDF write them in the reader's language (texts.render_tree). The scheduled report of a period is produced once
(unique constraint) and each G7 member is notified once (notification key), so a re-run of the
schedule sends nothing twice."""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from governance import dates, texts
from governance.bodies.models import Body
from governance.elections.models import ElectionDecision
from governance.meetings.models import Meeting
from governance.notifications import kinds
from governance.people.models import User
from governance.reports.models import G7Report

log = logging.getLogger("samordna.reports")


# How long after a quarter the schedule still produces its report (a late start catches up).
CATCH_UP_DAYS = 45


# --- Periods and working days --------------------------------------------------------------------
def period_of(day: dt.date, months: int | None = None) -> tuple[dt.date, dt.date]:
    """The reporting period (a quarter by default) that contains `day`."""
    months = months or getattr(settings, "G7_REPORT_PERIOD_MONTHS", 3)
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    next_month = first_month + months
    end = (dt.date(day.year + 1, 1, 1) if next_month > 12 else dt.date(day.year, next_month, 1)) - dt.timedelta(days=1)
    return start, end


def previous_period(day: dt.date, months: int | None = None) -> tuple[dt.date, dt.date]:
    start, _end = period_of(day, months)
    return period_of(start - dt.timedelta(days=1), months)


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    r = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * r) // 451
    month = (h + r - 7 * m + 114) // 31
    return dt.date(year, month, (h + r - 7 * m + 114) % 31 + 1)


def swedish_holidays(year: int) -> set[dt.date]:
    """Public holidays and the eves treated as days off (midsummer, Christmas and New Year's eve)."""
    easter = _easter(year)
    midsummer_eve = next(dt.date(year, 6, d) for d in range(19, 26) if dt.date(year, 6, d).weekday() == 4)
    return {
        dt.date(year, 1, 1), dt.date(year, 1, 6), easter - dt.timedelta(days=2), easter + dt.timedelta(days=1),
        dt.date(year, 5, 1), easter + dt.timedelta(days=39), dt.date(year, 6, 6), midsummer_eve,
        dt.date(year, 12, 24), dt.date(year, 12, 25), dt.date(year, 12, 26), dt.date(year, 12, 31),
    }


def first_working_day(on_or_after: dt.date) -> dt.date:
    day = on_or_after
    while day.weekday() >= 5 or day in swedish_holidays(day.year):
        day += dt.timedelta(days=1)
    return day


# --- Content ---------------------------------------------------------------------------------------
def g7_report_content(start: dt.date, end: dt.date) -> dict:
    """The snapshot: every provider's section for [start, end], in settings order. A provider that
    cannot be imported (an app without a report section) is left out; one that fails is logged."""
    sections = []
    for path in getattr(settings, "G7_REPORT_SECTIONS", []):
        try:
            provider = import_string(path)
        except ImportError:
            log.info("G7 report section %s is not available", path)
            continue
        with override(settings.LANGUAGE_CODE):
            section = provider(start, end)
        for item in section if isinstance(section, list) else [section]:
            if item:
                sections.append(_plain(item))
    return {"period": [start.isoformat(), end.isoformat()], "sections": sections}


def _plain(value):
    """Texts and lazy strings -> stored texts (translated at display); Decimals and dates -> JSON-able values."""
    from decimal import Decimal

    if isinstance(value, texts.Text | Promise):
        return texts.encode(value)
    if isinstance(value, texts.Param):
        return value.encode()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def decisions_section(start: dt.date, end: dt.date) -> dict | None:
    """Governance's decisions in the period: the steering group elections."""
    decisions = (
        ElectionDecision.objects.filter(decided_on__gte=start, decided_on__lte=end)
        .select_related("election", "chair", "steering_group")
        .order_by("decided_on")
    )
    rows = [
        [formats.date_format(d.decided_on, "Y-m-d"),
         texts.Text(gettext_lazy("Steering group %(year)s elected, chair %(chair)s"), year=d.election.year,
                    chair=str(d.chair))]
        for d in decisions
    ]
    return {
        "key": "elections",
        "title": gettext_lazy("Decisions: elections"),
        "text": [] if rows else [gettext_lazy("No election was decided in the period.")],
        "tables": [{"caption": gettext_lazy("Elections decided in the period"),
                    "headers": [gettext_lazy("Date"), gettext_lazy("Decision")], "rows": rows}] if rows else [],
    }


def meetings_section(start: dt.date, end: dt.date) -> dict | None:
    """The coming meetings of the steering group, G7 and the directors' group (next 120 days)."""
    now = max(timezone.now(), timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)))
    meetings = (
        Meeting.objects.filter(start__gte=now, start__lt=now + dt.timedelta(days=120),
                               body__kind__in=[Body.Kind.STEERING_GROUP, Body.Kind.G7, Body.Kind.DIRECTORS_GROUP])
        .select_related("body")
        .order_by("start", "pk")[:20]
    )
    rows = [[formats.date_format(timezone.localtime(m.start), "Y-m-d H:i"), str(m.body), m.title] for m in meetings]
    return {
        "key": "meetings",
        "title": gettext_lazy("Upcoming meetings"),
        "text": [] if rows else [gettext_lazy("No meetings are planned yet.")],
        "tables": [{"caption": gettext_lazy("Upcoming meetings"),
                    "headers": [gettext_lazy("When"), gettext_lazy("Body"), gettext_lazy("Meeting")],
                    "rows": rows}] if rows else [],
    }


# --- Produce, archive, send ---------------------------------------------------------------------------
def _title(start: dt.date, end: dt.date) -> texts.Text:
    return texts.Text(gettext_lazy("G7 report %(start)s – %(end)s"), start=start.isoformat(), end=end.isoformat())


@transaction.atomic
def g7_report_create(*, start: dt.date, end: dt.date, actor: User | None, scheduled: bool = False,
                     send: bool = False) -> tuple[G7Report, bool]:
    """Produce the report for [start, end]: snapshot, PDF, archive. `actor` None is the schedule.
    The scheduled report of a period exists once: asking again returns it (created False).
    With `send`, G7's members get it after commit. Returns (report, created)."""
    from governance.reports.pdf import render_pdf

    if actor is not None and not actor.has_perm("governance.produce_g7_report"):
        raise PermissionDenied(_("Only the steering group may produce the G7 report."))
    if end < start:
        raise ValidationError(_("The period must end on or after its first day."))
    if (end - start).days > 366:
        raise ValidationError(_("The period may be at most one year."))
    if not scheduled:  # the schedule produces a period once it is over (g7_report_scheduled)
        dates.period_over(end)
    if scheduled:
        existing = G7Report.objects.filter(period_start=start, period_end=end, scheduled=True).first()
        if existing:
            return existing, False
    with override(settings.LANGUAGE_CODE):
        content = g7_report_content(start, end)
        content["title"] = texts.encode(_title(start, end))
    report = G7Report(period_start=start, period_end=end, scheduled=scheduled, generated_by=actor, content=content)
    report.full_clean(exclude=["pdf"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # a concurrent run of the schedule produced it first
        return G7Report.objects.get(period_start=start, period_end=end, scheduled=True), False
    # The archived PDF (and the e-mail's attachment) is in the default language, the language of the
    # recipients' e-mail (texts.recipient_language); the portal renders it again for another language.
    with override(settings.LANGUAGE_CODE):
        pdf = render_pdf(report)
    report.pdf.save(f"g7-{start:%Y%m%d}-{end:%Y%m%d}-{report.pk}.pdf", ContentFile(pdf), save=True)
    if send:
        _enqueue_send(report.pk)
    return report, True


def _enqueue_send(report_id: int) -> None:
    def enqueue():
        from governance.reports.tasks import g7_report_send

        try:
            g7_report_send.delay(report_id)
        except Exception:  # broker down: the schedule's next run sends it (sent_at is still empty)
            log.warning("Could not enqueue sending G7 report %s", report_id, exc_info=True)

    transaction.on_commit(enqueue)


def g7_recipients(on: dt.date) -> list[User]:
    from governance.bodies.selectors import members_of, standing_body

    try:
        g7 = standing_body(Body.Kind.G7)
    except Body.DoesNotExist:
        return []
    seen, users = set(), []
    for membership in members_of(g7, on=on):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            users.append(membership.user)
    return users


@transaction.atomic
def g7_report_send(*, report_id: int) -> int:
    """Notify each G7 member of the report, with the PDF attached to the e-mail. Idempotent: the
    notification key (g7_report, report, member) makes a second run send nothing. Returns the
    number of new notifications."""
    from governance.authority import today
    from governance.notifications.services import notification_send

    report = G7Report.objects.select_for_update().get(pk=report_id)
    created = 0
    subject = _title(report.period_start, report.period_end)
    body = texts.Text(gettext_lazy("The G7 report for %(start)s – %(end)s is attached and archived in the portal."),
                      start=report.period_start.isoformat(), end=report.period_end.isoformat())
    for user in g7_recipients(today()):
        notification, new = notification_send(
            kind=kinds.G7_REPORT, recipient=user, subject=subject, body=body, url=report.get_absolute_url(),
            target=report, occasion="report",
        )
        if new and report.pdf:
            # Same transaction as the row: the e-mail task (after commit) sees the attachment.
            notification.attachment.name = report.pdf.name
            notification.save(update_fields=["attachment"])
        created += new
    if report.sent_at is None:
        report.sent_at = timezone.now()
        report.save(update_fields=["sent_at"])
    return created


def g7_report_scheduled(*, today: dt.date) -> G7Report | None:
    """The schedule: on the first working day after a period (or a later day within
    CATCH_UP_DAYS, should beat have been down), produce the previous period's report once and send it."""
    start, end = previous_period(today)
    due = first_working_day(end + dt.timedelta(days=1))
    if today < due or (today - end).days > CATCH_UP_DAYS:
        return None
    with transaction.atomic():
        report, created = g7_report_create(start=start, end=end, actor=None, scheduled=True)
        if created or report.sent_at is None:
            _enqueue_send(report.pk)
    return report
