"""Start page panels: a consultation to answer, an adoption vote to record, a follow-up due."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.dashboard import Panel
from governance.models import Body
from governance.selectors.roles import roles_of

from . import selectors


def panels(user, today: dt.date) -> list[Panel]:
    if not user.is_authenticated:
        return []
    out = []
    plans = selectors.dashboard_plans(on=today)  # one query for the three questions below
    # The organisations the user is information manager of, by sort order, from the role context.
    managers = sorted(roles_of(user, today).memberships_in(Body.Kind.INFO_MANAGERS_NETWORK),
                      key=lambda m: m.organisation.sort_order)
    answers = selectors.plans_awaiting_answer_from(
        user, on=today, organisations=[m.organisation for m in managers], plans=plans)
    if answers:
        out.append(Panel(title=_("Consultation to answer"), template="annualplan/panels/consultation.html",
                         context={"rows": answers}, level="warning"))
    votes = selectors.plans_awaiting_vote_from(user, on=today, plans=plans)
    if votes:
        out.append(Panel(title=_("Adoption vote to record"), template="annualplan/panels/vote.html",
                         context={"plans": votes}, level="warning"))
    due = selectors.follow_up_due(user, on=today, plans=plans)
    if due:
        out.append(Panel(title=_("Follow-up due"), template="annualplan/panels/follow_up.html",
                         context={"rows": due}))
    return out
