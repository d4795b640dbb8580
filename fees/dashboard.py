"""Start-page panels: directors see fee decisions to make; information managers their
organisation's open invoice; admins and the steering-group chair the overdue invoices."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import get_objects_for_user

from governance.dashboard import Panel
from governance.models import Body, Membership
from governance.selectors.roles import roles_of

from . import selectors
from .models import Budget, FeeProposal, Invoice
from .permissions import visible_invoices


def panels(user, today: dt.date) -> list[Panel]:
    if not user.is_authenticated:
        return []
    out: list[Panel] = []
    roles = roles_of(user, today)
    if user.is_superuser or roles.is_member(Body.Kind.DIRECTORS_GROUP):
        budgets = get_objects_for_user(user, "fees.decide_fee", Budget, accept_global_perms=False)
        to_decide = list(
            FeeProposal.objects.filter(budget__in=budgets, status=FeeProposal.Status.DRAFT)
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
    if user.is_superuser or roles.is_member(Body.Kind.STEERING_GROUP, year=today.year,
                                            positions=(Membership.Position.CHAIR,)):
        overdue = selectors.overdue_invoices(on=today)
        rows = list(overdue[:10])
        if rows:
            out.append(Panel(title=_("Overdue fee invoices"), template="fees/panels/overdue.html",
                             context={"invoices": rows, "count": overdue.count(), "today": today},
                             level="warning"))
    return out
