"""Dates that cannot mean what they say, refused in the domain's words (one rule per kind of date):
a decision is dated on or before the day it is recorded, a payment neither before its invoice nor
in the future, a report covers a period that is over."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.authority import today


def decided_on(day: dt.date) -> dt.date:
    """A decision's date: not in the future (a decision is recorded once it is made)."""
    if day > today():
        raise ValidationError(
            _("A decision is recorded once it is made: %(date)s is in the future.") % {"date": date_format(day)},
            code="future")
    return day


def paid_on(day: dt.date, *, issued: dt.date) -> dt.date:
    """A payment's date: on or after the invoice's date, and not in the future."""
    if day < issued:
        raise ValidationError(
            _("The payment date %(paid)s is before the invoice date %(issued)s.")
            % {"paid": date_format(day), "issued": date_format(issued)}, code="before_invoice")
    if day > today():
        raise ValidationError(
            _("The payment date %(paid)s is in the future.") % {"paid": date_format(day)}, code="future")
    return day


def period_over(end: dt.date) -> dt.date:
    """The last day of a period a report covers: before today (the period is over)."""
    if end >= today():
        raise ValidationError(
            _("A report covers a period that is over: %(date)s has not passed yet.") % {"date": date_format(end)},
            code="not_over")
    return end


def conducted_on(day: dt.date) -> dt.date:
    """The day a survey was run: not in the future (a survey is recorded once it has been run)."""
    if day > today():
        raise ValidationError(
            _("A survey is recorded once it has been run: %(date)s is in the future.") % {"date": date_format(day)},
            code="future")
    return day
