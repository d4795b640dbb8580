"""Reads for the autumn meeting's election: candidates, ballots and the tally."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.elections.models import STEERING_GROUP_SIZE, Ballot, Election, ElectionDecision
from governance.people.models import Organisation, User
from governance.people.selectors import fee_payers


def elections() -> QuerySet[Election]:
    return Election.objects.select_related("nominated_chair").order_by("-year")


def open_election(*, on: dt.date | None = None, cast_by=None) -> Election | None:
    """The election not yet decided for the coming term (the autumn meeting's); with `cast_by` (an
    organisation's id), annotated `cast`: whether it has cast its ballot (same query)."""
    day = on or today()
    qs = Election.objects.all()
    if cast_by is not None:
        qs = qs.annotate(cast=Exists(Ballot.objects.filter(election=OuterRef("pk"), organisation_id=cast_by)))
    return (
        qs.exclude(status=Election.Status.DECIDED)
        .filter(year__gt=day.year)
        .order_by("year")
        .first()
    )


def candidates(*, on: dt.date | None = None) -> QuerySet[User]:
    """Who may be elected: the information managers in the network on day `on`."""
    ids = (
        Membership.objects.active_on(on or today())
        .filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK)
        .values("user_id")
    )
    return User.objects.filter(pk__in=ids).order_by("organisation__sort_order", "last_name", "first_name")


def nominees(election: Election) -> list[User]:
    chair_id = election.nominated_chair_id
    people = list(election.nominees.select_related("organisation").order_by("organisation__sort_order"))
    return sorted(people, key=lambda u: u.pk != chair_id)


def organisations_voted(election: Election) -> list[tuple[Organisation, bool]]:
    """Each fee-paying organisation and whether its ballot is cast (who has voted, never how)."""
    cast = set(Ballot.objects.filter(election=election).values_list("organisation_id", flat=True))
    return [(o, o.pk in cast) for o in fee_payers()]


def ballot_of(election: Election, organisation) -> Ballot | None:
    if organisation is None:
        return None
    return (
        Ballot.objects.filter(election=election, organisation=organisation)
        .select_related("chair_vote", "cast_by")
        .prefetch_related("candidates")
        .first()
    )


def ballots(election: Election) -> QuerySet[Ballot]:
    return (
        Ballot.objects.filter(election=election)
        .select_related("organisation", "chair_vote", "cast_by")
        .prefetch_related("candidates")
        .order_by("organisation__sort_order")
    )


def decision_of(election: Election) -> ElectionDecision | None:
    return (
        ElectionDecision.objects.filter(election=election)
        .select_related("election", "chair", "chair__organisation", "steering_group", "nominating_committee",
                        "recorded_by")
        .prefetch_related("members__organisation")
        .first()
    )


@dataclass
class Tally:
    """The count of a ballot. Ties at the sixth place or for chair are flagged, never resolved:
    the meeting settles them and the decision form asks for its explicit choice."""

    rows: list[tuple[User, int]] = field(default_factory=list)
    chair_rows: list[tuple[User, int]] = field(default_factory=list)
    ballots_cast: int = 0
    clear: list[User] = field(default_factory=list)  # elected outright
    tied: list[User] = field(default_factory=list)  # tied for the last places
    seats_to_settle: int = 0
    chair_winner: User | None = None
    chair_tied: list[User] = field(default_factory=list)

    @property
    def elected(self) -> list[User]:
        """The six, when the tally decides them on its own."""
        return self.clear if not self.seats_to_settle else []

    @property
    def members_tie(self) -> bool:
        return len(self.tied) > self.seats_to_settle > 0

    @property
    def too_few(self) -> bool:
        return self.seats_to_settle > 0 and not self.members_tie

    @property
    def chair_tie(self) -> bool:
        return len(self.chair_tied) > 1

    @property
    def chair_not_elected(self) -> bool:
        return self.chair_winner is not None and not self.seats_to_settle and self.chair_winner not in self.clear

    @property
    def needs_meeting(self) -> bool:
        """The meeting must make an explicit choice the tally cannot make for it."""
        return bool(self.seats_to_settle or self.chair_tie or self.chair_not_elected or self.chair_winner is None)


def tally(election: Election) -> Tally:
    """Count the ballots: two queries for the votes, one for the people."""
    through = Ballot.candidates.through
    votes = Counter(through.objects.filter(ballot__election=election).values_list("user_id", flat=True))
    chair_votes = Counter(Ballot.objects.filter(election=election).values_list("chair_vote_id", flat=True))
    ballots_cast = sum(chair_votes.values())
    people = User.objects.in_bulk(set(votes) | set(chair_votes))

    def ranked(counter: Counter) -> list[tuple[User, int]]:
        return sorted(
            ((people[pk], n) for pk, n in counter.items() if pk in people),
            key=lambda row: (-row[1], row[0].last_name, row[0].first_name, row[0].pk),
        )

    result = Tally(rows=ranked(votes), chair_rows=ranked(chair_votes), ballots_cast=ballots_cast)
    if len(result.rows) <= STEERING_GROUP_SIZE:
        result.clear = [u for u, _ in result.rows]
        result.seats_to_settle = STEERING_GROUP_SIZE - len(result.clear)
    else:
        cut = result.rows[STEERING_GROUP_SIZE - 1][1]
        above = [u for u, n in result.rows if n > cut]
        at_cut = [u for u, n in result.rows if n == cut]
        if len(above) + len(at_cut) == STEERING_GROUP_SIZE:
            result.clear = above + at_cut
        else:
            result.clear = above
            result.tied = at_cut
            result.seats_to_settle = STEERING_GROUP_SIZE - len(above)
    if result.chair_rows:
        top = result.chair_rows[0][1]
        result.chair_tied = [u for u, n in result.chair_rows if n == top]
        if len(result.chair_tied) == 1:
            result.chair_winner = result.chair_tied[0]
    return result
