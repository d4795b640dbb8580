"""Start page panels: a consultation to answer, an adoption vote to record, a follow-up due, for
the county directors' group the development-fund applications waiting for its decision, and for
everyone assigned to a plan activity their work in this year's and next year's plan."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.authority import facts
from governance.panels import Panel

from . import selectors

MY_ASSIGNMENTS = 8


def panels(user, today: dt.date) -> list[Panel]:
    if not user.is_authenticated:
        return []
    out = []
    # The organisations the user is information manager of, by sort order, from the request's facts.
    organisations = facts(user).info_manager_organisations(today)
    plans = selectors.dashboard_plans(user, on=today, organisations=organisations)  # one query for all three
    answers = selectors.plans_awaiting_answer_from(user, on=today, organisations=organisations, plans=plans)
    if answers:
        out.append(Panel(title=_("Consultation to answer"), template="annualplan/panels/consultation.html",
                         context={"rows": answers}, level="warning"))
    votes = selectors.plans_awaiting_vote_from(user, on=today, plans=plans)
    if votes:
        out.append(Panel(title=_("Adoption vote to record"), template="annualplan/panels/vote.html",
                         context={"plans": votes}, level="warning"))
    if user.has_perm("annualplan.decide_funding"):  # the directors' group (from the facts: no query)
        waiting = list(selectors.pending_applications()[:10])
        if waiting:
            out.append(Panel(title=_("Development funds to decide"), template="annualplan/panels/funding.html",
                             context={"applications": waiting}, level="warning"))
    due = selectors.follow_up_due(user, on=today, plans=plans)
    if due:
        out.append(Panel(title=_("Follow-up due"), template="annualplan/panels/follow_up.html",
                         context={"rows": due}))
    mine = list(selectors.assignments_of(user, from_year=today.year)[:MY_ASSIGNMENTS + 1])
    if mine:
        out.append(Panel(title=_("Your work in the operating plan"), template="annualplan/panels/assignments.html",
                         context={"assignments": mine[:MY_ASSIGNMENTS], "more": len(mine) > MY_ASSIGNMENTS}))
    return out
