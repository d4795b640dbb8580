"""Start page panels for the communicators' network, proposals, the conference and the election.
A fixed number of queries, whatever the number of requests, proposals or registrations."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.authority import facts
from governance.bodies.models import Body
from governance.counts import count_each
from governance.elections import selectors as election_selectors
from governance.elections.models import Election
from governance.networks import selectors
from governance.networks.models import Proposal
from governance.panels import Panel
from governance.people.rules import ballot_organisations

NETWORK_KINDS = (Body.Kind.COMMUNICATORS_NETWORK, Body.Kind.INFO_MANAGERS_NETWORK)
OWN_PROPOSALS = 5


def panels(user, today: dt.date) -> list[Panel]:
    if not user.is_authenticated:
        return []
    result: list[Panel] = []
    # Information managers (admin sees these pages anyway; the panels are for the roles).
    managed = [] if user.is_superuser else facts(user).info_manager_organisations(today)
    # What the information manager and the steering group have to handle, counted in one statement.
    wanted = {}
    if managed:
        wanted["join"] = selectors.pending_join_requests(organisations=managed)
        wanted["proposals"] = selectors.proposals_to_handle(managed)
    if not user.is_superuser and user.has_perm("governance.view_forwarded_proposals"):
        wanted["forwarded"] = selectors.forwarded_proposals()
    counts = count_each(**wanted)
    if counts.get("join") or counts.get("proposals"):
        result.append(Panel(
            title=_("For you to handle as information manager"),
            template="governance/networks/panels/to_handle.html",
            context={"join_count": counts["join"], "proposal_count": counts["proposals"],
                     "organisations": managed},
            level="warning",
        ))
    if managed:
        conference = selectors.open_conferences(today).first()
        if conference is not None:
            result.append(Panel(
                title=_("Conference registration is open"),
                template="governance/networks/panels/conference.html",
                context={"conference": conference, "organisations": managed},
            ))
    # The steering group: forwarded proposals, input to next year's plan.
    if counts.get("forwarded"):
        result.append(Panel(
            title=_("Forwarded proposals"),
            template="governance/networks/panels/forwarded.html",
            context={"count": counts["forwarded"]},
        ))
    # A network member's own proposals still on their way (who proposes sits in a network: no query otherwise).
    if not user.is_superuser and any(facts(user).sits(today, kind) for kind in NETWORK_KINDS):
        own = list(selectors.own_open_proposals(user)[:OWN_PROPOSALS])
        if own:
            result.append(Panel(
                title=_("Your proposals"),
                template="governance/networks/panels/own_proposals.html",
                context={"proposals": own},
                level="warning" if any(p.status == Proposal.Status.RETURNED for p in own) else "info",
            ))
    # The election. The ballot's organisation: their own (already read above) or the one they are deputy for; the
    # election is read with whether that organisation has cast its ballot.
    deputy_for = sorted(facts(user).deputy_for(today, "cast_ballot"))
    organisation_id = managed[0].pk if managed else next(iter(deputy_for), None)
    election = election_selectors.open_election(on=today, cast_by=organisation_id)
    if election is not None:
        if election.status == Election.Status.BALLOT and organisation_id is not None:
            organisation = managed[0] if managed else next(
                o for o in ballot_organisations(user) if o.pk == organisation_id)
            cast = election.cast
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
