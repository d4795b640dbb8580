"""Reads of the read receipts: the policies a person still has to confirm, and, for a policy's
owner, who of those it concerns today has confirmed its current version, per organisation. The
audience is computed from the memberships of the day, never a stored list of people."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from governance.authority import today
from governance.bodies.models import Membership
from governance.people.models import Organisation, User

from ..models import Policy, PolicyVersion, ReadConfirmation


def current_version(policy: Policy) -> PolicyVersion | None:
    """The version in force: the one adopted last."""
    return policy.versions.select_related("decision").order_by("-number").first()


def unconfirmed_policies(user: User) -> QuerySet[Policy]:
    """The policies to be read whose current version `user` has not confirmed (one query), each with
    `current_number`; whether they concern `user` is the rule's question (webadmin.rules)."""
    latest = PolicyVersion.objects.filter(policy=OuterRef("pk")).order_by("-number")
    confirmed = ReadConfirmation.objects.filter(policy_version=OuterRef("current_id"), user_id=user.pk)
    return (
        Policy.objects.filter(to_be_read=True)
        .annotate(current_id=Subquery(latest.values("pk")[:1]), current_number=Subquery(latest.values("number")[:1]))
        .filter(current_id__isnull=False)
        .annotate(confirmed=Exists(confirmed)).filter(confirmed=False)
        .order_by("kind", "title")
    )


def audience_people(audience: str, *, on: dt.date | None = None) -> list[tuple[User, Organisation]]:
    """Everyone `audience` (Policy.Audience) holds on day `on`, each once, with the organisation they
    are counted for (the one they represent in the body; for all staff, their own); one query."""
    day = on or today()
    if audience == Policy.Audience.ALL_STAFF:
        people = User.objects.filter(is_active=True).select_related("organisation")
        return [(u, u.organisation) for u in people.order_by("organisation__sort_order", "last_name", "first_name",
                                                              "pk")]
    kind = Policy.AUDIENCE_BODIES.get(audience)
    if kind is None:
        return []
    memberships = Membership.objects.active_on(day).filter(body__kind=kind, user__is_active=True)
    if audience == Policy.Audience.WEB_MANAGEMENT_GROUP:
        memberships = memberships.filter(body__year=day.year)
    out: dict[int, tuple[User, Organisation]] = {}
    for m in memberships.select_related("user", "organisation").order_by(
            "organisation__sort_order", "user__last_name", "user__first_name", "pk"):
        out.setdefault(m.user_id, (m.user, m.organisation))
    return list(out.values())


@dataclass
class OrganisationReading:
    organisation: Organisation
    concerned: int = 0
    confirmed: int = 0
    missing: list[User] = field(default_factory=list)


@dataclass
class ReadingFollowUp:
    """Who the policy concerns on `day`, and who of them has confirmed its `version`."""

    policy: Policy
    day: dt.date
    version: PolicyVersion | None
    organisations: list[OrganisationReading]

    @property
    def concerned(self) -> int:
        return sum(o.concerned for o in self.organisations)

    @property
    def confirmed(self) -> int:
        return sum(o.confirmed for o in self.organisations)

    @property
    def missing(self) -> list[User]:
        return [u for o in self.organisations for u in o.missing]


def reading_follow_up(policy: Policy, *, on: dt.date | None = None) -> ReadingFollowUp:
    """Per organisation (by sort order): how many the policy concerns today, how many have confirmed
    the current version, and who has not. Three queries, whatever the number of people."""
    day = on or today()
    version = current_version(policy)
    people = audience_people(policy.audience, on=day) if policy.to_be_read else []
    confirmed = set(ReadConfirmation.objects.filter(policy_version=version).values_list("user_id", flat=True)) \
        if version else set()
    rows: dict[int, OrganisationReading] = {}
    for user, organisation in people:
        row = rows.setdefault(organisation.pk, OrganisationReading(organisation=organisation))
        row.concerned += 1
        if user.pk in confirmed:
            row.confirmed += 1
        else:
            row.missing.append(user)
    ordered = sorted(rows.values(), key=lambda r: (r.organisation.sort_order, r.organisation.code))
    return ReadingFollowUp(policy=policy, day=day, version=version, organisations=ordered)


def confirmation_of(user: User, version: PolicyVersion | None) -> ReadConfirmation | None:
    if version is None or not user.is_authenticated:
        return None
    return ReadConfirmation.objects.filter(policy_version=version, user_id=user.pk).first()
