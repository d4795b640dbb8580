"""Start-page panels: directors see fee decisions to make; information managers their
organisation's open invoice; admins and the steering-group chair the overdue invoices."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Window
from django.utils.translation import gettext_lazy as _

from governance.bodies.rules import chairs_sitting_steering_group, sits_in_directors_group
from governance.panels import Panel

from . import selectors
from .models import FeeProposal, Invoice
from .rules import visible_invoices

OVERDUE_SHOWN = 10


def panels(user, today: dt.date) -> list[Panel]:
    if not user.is_authenticated:
        return []
    out: list[Panel] = []
    if user.is_superuser or sits_in_directors_group(user):  # = fees.decide_fee on any year's budget
        to_decide = list(
            FeeProposal.objects.filter(status=FeeProposal.Status.DRAFT)
            .select_related("budget").order_by("budget__year")[:5]
        )
        if to_decide:
            out.append(Panel(title=_("Fee decision to make"), template="fees/panels/decide.html",
                             context={"proposals": to_decide}, level="warning"))
    own = list(
        selectors.invoices(visible_invoices(user)).filter(
            organisation=user.organisation, kind=Invoice.Kind.INVOICE, status__in=Invoice.OPEN_STATUSES
        )[:5]
    )
    if own:
        out.append(Panel(title=_("Your organisation's open fee invoice"), template="fees/panels/invoices.html",
                         context={"invoices": own, "today": today},
                         level="warning" if any(i.due_date < today for i in own) else "info"))
    if user.is_superuser or chairs_sitting_steering_group(user):
        overdue = selectors.overdue_invoices(on=today)
        # The first rows and, in the same query, how many there are (a window over all of them).
        rows = list(overdue.annotate(overdue_total=Window(Count("pk")))[:OVERDUE_SHOWN])
        if rows:
            out.append(Panel(title=_("Overdue fee invoices"), template="fees/panels/overdue.html",
                             context={"invoices": rows, "count": rows[0].overdue_total, "today": today},
                             level="warning"))
    return out
