"""Start page panels for the communicators' network, proposals, the conference and the election.
A fixed number of queries, whatever the number of requests, proposals or registrations."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from .dashboard import Panel
from .models import Body, Election, Organisation
from .permissions_networks import ballot_organisation, can_enter_nomination, managed_organisations
from .selectors import elections as election_selectors
from .selectors import networks as selectors
from .selectors.core import steering_group
from .selectors.roles import roles_of


def _sees_forwarded(roles, today: dt.date) -> bool:
    group = steering_group(today.year)  # = Body.objects.filter(kind=..., year=...).first(), memoised per request
    return group is not None and roles.has_body_perm("view_body", group.pk)


def _ballot_organisation(user, roles, managed) -> Organisation | None:
    """permissions_networks.ballot_organisation without its queries: the organisation of the
    user's (first) information managers' network membership, when they hold manage_organisation
    on it (`managed`: the organisations they hold it on)."""
    if user.is_superuser:
        return ballot_organisation(user, on=roles.on)
    candidates = sorted(roles.memberships_in(Body.Kind.INFO_MANAGERS_NETWORK), key=lambda m: (m.body_id, m.position))
    if not candidates or not user.is_active:
        return None
    organisation = candidates[0].organisation
    return organisation if any(o.pk == organisation.pk for o in managed) else None


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
    roles = roles_of(user, today)
    # The steering group: forwarded proposals, input to next year's plan. Same rule as
    # can_view_forwarded_proposals (view_body on this year's steering group), from the role context.
    if not user.is_superuser and _sees_forwarded(roles, today):
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
        organisation = _ballot_organisation(user, roles, managed)
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
            and not user.is_superuser and can_enter_nomination(user, election)
        ):
            result.append(Panel(
                title=_("The nominating committee's proposal"),
                template="governance/elections/panels/nomination.html",
                context={"election": election},
                level="warning",
            ))
    return result
