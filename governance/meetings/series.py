"""A body's regular meetings and the standing parts of its agenda.

- `MeetingSeries`: "the first Tuesday of each month, 09:00–11:00" from a start to an end date;
  creating it creates its meetings (each an ordinary Meeting with `series` and the date the rule
  gave it, `series_date`). An occurrence is moved by editing that meeting, and cancelled by
  cancelling it (`cancelled_at`); both reach the calendar feed as such (a moved event keeps its UID
  with a higher SEQUENCE, a cancelled one is STATUS:CANCELLED).
- `AgendaTemplateItem`: the body's standing items (opening, adjusters, previous minutes, decisions,
  other business), put on every new meeting of the body's series and offered on a new meeting.
- `AgendaTopic`: the body's topic backlog: any member adds a topic; the chair or secretary moves
  it into the agenda of one of the body's coming meetings."""
from __future__ import annotations

import datetime as dt

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.bodies.models import Body
from governance.workflow import Workflow

# A series is planned at most this far ahead (its end date), so a typing slip cannot create a
# thousand meetings.
MAX_SERIES_DAYS = 2 * 366


class MeetingSeries(models.Model):
    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly, on a given weekday of the month")
        WEEKLY = "weekly", _("Every few weeks, on a given weekday")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")

    class Ordinal(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")
        THIRD = 3, _("third")
        FOURTH = 4, _("fourth")
        LAST = -1, _("last")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meeting_series")
    title = models.CharField(_("title"), max_length=200)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.MONTHLY)
    interval = models.PositiveSmallIntegerField(_("every"), default=1,
                                                validators=[MinValueValidator(1), MaxValueValidator(12)],
                                                help_text=_("Every 1st, 2nd, … month or week."))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, default=Weekday.TUESDAY)
    ordinal = models.SmallIntegerField(_("which one in the month"), choices=Ordinal.choices, default=Ordinal.FIRST)
    first_date = models.DateField(_("from"))
    last_date = models.DateField(_("until"))
    start_time = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"),
                                                        validators=[MinValueValidator(15), MaxValueValidator(600)])
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online meeting link"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["body", "first_date", "pk"]
        constraints = [models.CheckConstraint(condition=Q(last_date__gte=models.F("first_date")),
                                              name="meeting_series_ends_after_it_starts")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.first_date and self.last_date:
            if self.last_date < self.first_date:
                errors["last_date"] = _("The series must end on or after its first day.")
            elif (self.last_date - self.first_date).days > MAX_SERIES_DAYS:
                errors["last_date"] = _("A series is planned at most two years ahead.")
        if not (self.place or "").strip() and not (self.online_link or "").strip():
            errors["place"] = _("Give a place or an online meeting link (or both).")
        if errors:
            raise ValidationError(errors)

    def dates(self) -> list[dt.date]:
        """The days the rule gives, from the first to the last date (both included)."""
        start = dt.datetime.combine(self.first_date, dt.time())
        until = dt.datetime.combine(self.last_date, dt.time(23, 59))
        weekday = rrule.weekday(self.weekday)
        if self.frequency == self.Frequency.MONTHLY:
            rule = rrule.rrule(rrule.MONTHLY, interval=self.interval, byweekday=weekday(self.ordinal),
                               dtstart=start, until=until)
        else:
            rule = rrule.rrule(rrule.WEEKLY, interval=self.interval, byweekday=weekday, dtstart=start, until=until)
        return [moment.date() for moment in rule]


class AgendaTemplateItem(models.Model):
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="agenda_template")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("item"), max_length=250)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"),
                                                        validators=[MinValueValidator(1), MaxValueValidator(600)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standing agenda item")
        verbose_name_plural = _("standing agenda items")
        ordering = ["body", "order", "pk"]

    def __str__(self):
        return self.title


class AgendaTopic(models.Model):
    """A topic a member wants on a coming agenda (the body's topic backlog)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an agenda")
        SCHEDULED = "scheduled", _("On an agenda")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    WORKFLOW = Workflow({Status.OPEN: (Status.SCHEDULED, Status.WITHDRAWN)})

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="agenda_topics")
    title = models.CharField(_("topic"), max_length=250)
    description = models.TextField(_("what it is about"), blank=True, max_length=4000)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    meeting = models.ForeignKey("governance.Meeting", verbose_name=_("meeting"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="topics")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda topic")
        verbose_name_plural = _("agenda topics")
        ordering = ["body", "status", "proposed_at", "pk"]

    def __str__(self):
        return self.title
