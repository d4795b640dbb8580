"""Start page panels for the communicators' network, proposals, the conference and the election.
A fixed number of queries, whatever the number of requests, proposals or registrations."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from .dashboard import Panel
from .models import Election
from .rules import ballot_organisations, managed_organisations
from .selectors import elections as election_selectors
from .selectors import networks as selectors


def panels(user, today: dt.date) -> list[Panel]:
    if not user.is_authenticated:
        return []
    result: list[Panel] = []
    # Information managers (admin sees these pages anyway; the panels are for the roles).
    managed = [] if user.is_superuser else list(managed_organisations(user))
    if managed:
        join_count = selectors.pending_join_requests(organisations=managed).count()
        proposal_count = selectors.proposals_to_handle(managed).count()
        if join_count or proposal_count:
            result.append(Panel(
                title=_("For you to handle as information manager"),
                template="governance/networks/panels/to_handle.html",
                context={"join_count": join_count, "proposal_count": proposal_count, "organisations": managed},
                level="warning",
            ))
        conference = selectors.open_conferences(today).first()
        if conference is not None:
            result.append(Panel(
                title=_("Conference registration is open"),
                template="governance/networks/panels/conference.html",
                context={"conference": conference, "organisations": managed},
            ))
    # The steering group: forwarded proposals, input to next year's plan.
    if not user.is_superuser and user.has_perm("governance.view_forwarded_proposals"):
        count = selectors.forwarded_proposals().count()
        if count:
            result.append(Panel(
                title=_("Forwarded proposals"),
                template="governance/networks/panels/forwarded.html",
                context={"count": count},
            ))
    # The election.
    election = election_selectors.open_election(on=today)
    if election is not None:
        # The ballot's organisation: their own (already read above) or the one they are deputy for.
        organisation = next(iter(managed), None) or next(iter(ballot_organisations(user)), None)
        if election.status == Election.Status.BALLOT and organisation is not None:
            cast = election.ballots.filter(organisation=organisation).exists()
            result.append(Panel(
                title=_("Ballot for the steering group %(year)s") % {"year": election.year},
                template="governance/elections/panels/ballot.html",
                context={"election": election, "cast": cast, "organisation": organisation},
                level="info" if cast else "warning",
            ))
        if (
            election.status == Election.Status.OPEN and not election.has_nomination
            and not user.is_superuser and user.has_perm("governance.enter_nomination", election)
        ):
            result.append(Panel(
                title=_("The nominating committee's proposal"),
                template="governance/elections/panels/nomination.html",
                context={"election": election},
                level="warning",
            ))
    return result
