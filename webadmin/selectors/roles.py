"""Reads of the web roles: the catalogue, who holds which role when, their yearly cost, the process owner and the system administrator."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Exists, OuterRef, QuerySet

from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.money import compensation_for
from governance.people.models import Organisation, User

from ..models import (
    Role,
    RoleAssignment,
    WebCooperation,
)


# --- Roles --------------------------------------------------------------------------------------------
def roles() -> QuerySet[Role]:
    return Role.objects.order_by("sort_order", "code")


def role(code: str) -> Role:
    return Role.objects.get(code=code)


def assignments_on(day: dt.date) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.active_on(day)
        .select_related("role", "user", "user__organisation", "organisation")
        .order_by("role__sort_order", "start", "pk")
    )


def assignments_of(user: User, *, on: dt.date | None = None) -> QuerySet[RoleAssignment]:
    return assignments_on(on or today()).filter(user=user)


def web_lead(*, on: dt.date | None = None) -> RoleAssignment | None:
    """The web development lead's assignment on a day."""
    return assignments_on(on or today()).filter(role__code=Role.Code.WEB_LEAD).first()


def role_holders(code: str, *, on: dt.date | None = None) -> list[User]:
    return [a.user for a in assignments_on(on or today()).filter(role__code=code)]


@dataclass
class ProcessOwner:
    """The process owner: the organisation whose information manager chairs the steering group."""

    organisation: Organisation
    person: User
    steering_group: Body


def process_owner(*, on: dt.date | None = None) -> ProcessOwner | None:
    """Derived, never typed: follows the chair of the steering group of `on`'s year."""
    day = on or today()
    chair = (
        Membership.objects.active_on(day)
        .filter(body__kind=Body.Kind.STEERING_GROUP, body__year=day.year, position=Membership.Position.CHAIR)
        .select_related("user", "organisation", "body").order_by("start", "pk").first()
    )
    if chair is None:
        return None
    return ProcessOwner(organisation=chair.organisation, person=chair.user, steering_group=chair.body)


@dataclass
class SystemAdministrator:
    """Västra Götaland through the IT unit, its contact persons and the Helpdesk."""

    organisation: Organisation | None
    run_by: Organisation | None
    contacts: list[RoleAssignment]
    helpdesk: str


def system_administrator(*, on: dt.date | None = None) -> SystemAdministrator:
    it_unit = Organisation.objects.select_related("parent").filter(kind=Organisation.Kind.IT_UNIT).first()
    contacts = list(assignments_on(on or today()).filter(role__code=Role.Code.SYSTEM_ADMINISTRATOR))
    return SystemAdministrator(
        organisation=it_unit,
        run_by=it_unit.parent if it_unit else None,
        contacts=contacts,
        helpdesk=WebCooperation.get().helpdesk,
    )


@dataclass
class RoleStatus:
    role: Role
    assignments: list[RoleAssignment] = field(default_factory=list)
    process_owner: ProcessOwner | None = None

    @property
    def vacant(self) -> bool:
        if self.role.is_derived:
            return self.process_owner is None
        return not self.assignments


def role_overview(*, on: dt.date | None = None) -> list[RoleStatus]:
    """Every role of the catalogue with who holds it on a day (three or four queries)."""
    day = on or today()
    by_role: dict[int, list[RoleAssignment]] = {}
    for a in assignments_on(day):
        by_role.setdefault(a.role_id, []).append(a)
    owner = process_owner(on=day)
    return [
        RoleStatus(role=r, assignments=by_role.get(r.pk, []), process_owner=owner if r.is_derived else None)
        for r in roles()
    ]


def vacant_roles(*, on: dt.date | None = None) -> list[Role]:
    """The roles of role_overview that are vacant on a day, in one query: a role nobody holds, or
    the process owner (derived) when the steering group of the day's year has no chair."""
    day = on or today()
    held = RoleAssignment.objects.active_on(day).filter(role_id=OuterRef("pk"))
    chair = Membership.objects.active_on(day).filter(
        body__kind=Body.Kind.STEERING_GROUP, body__year=day.year, position=Membership.Position.CHAIR)
    return [
        r for r in roles().annotate(held=Exists(held), has_owner=Exists(chair))
        if not (r.has_owner if r.is_derived else r.held)
    ]


def _within_year(start: dt.date, end: dt.date | None, year: int) -> tuple[dt.date, dt.date, int, Fraction]:
    """The part of `year` an assignment from `start` to `end` (None: open) covers: its first and
    last day within the year, the number of days and that number as an exact part of the year."""
    first, last = max(start, dt.date(year, 1, 1)), min(end or dt.date(year, 12, 31), dt.date(year, 12, 31))
    days = (last - first).days + 1
    return first, last, days, Fraction(days, 366 if calendar.isleap(year) else 365)


def _annual_share(share: Decimal, part: Fraction) -> Decimal:
    """The share weighted by the part of the year, to four decimals (shown; the compensation is
    computed from the exact part, not from this)."""
    exact = Fraction(share) * part
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


@dataclass(frozen=True)
class RoleCost:
    """One assignment's size and cost within a year, as plain values: `share` of full time while it
    runs, `annual_share` the share weighted by the part of the year it covers, and `compensation`
    what the plan pays the holder's organisation for that year: salary cost × share × days covered
    / days in the year × (1 + social fee rate), rounded half up to öre once
    (governance.money.compensation_for)."""

    pk: int
    role_code: str
    person: str
    organisation_id: int
    organisation: str
    organisation_sort_order: int
    start: dt.date
    end: dt.date
    days: int
    share: Decimal
    annual_share: Decimal
    salary_cost: Decimal
    social_fee_rate: Decimal
    compensation: Decimal

    @property
    def role(self) -> str:
        return str(Role.Code(self.role_code).label)


def role_costs(year: int) -> list[RoleCost]:
    """The role assignments that run during `year` with their annual share and compensation, by
    organisation, role and start (one query, values): what annualplan pays for the web roles."""
    rows = []
    for a in (
        RoleAssignment.objects.overlapping(dt.date(year, 1, 1), dt.date(year, 12, 31))
        .order_by("organisation__sort_order", "role__sort_order", "start", "pk")
        .values("pk", "role__code", "user__username", "user__first_name", "user__last_name", "organisation_id",
                "organisation__short_name", "organisation__sort_order", "start", "end", "share", "salary_cost",
                "social_fee_rate")
    ):
        start, end, days, part = _within_year(a["start"], a["end"], year)
        # As User.__str__ shows the person: the full name, or the username.
        person = f"{a['user__first_name']} {a['user__last_name']}".strip() or a["user__username"]
        rows.append(RoleCost(
            pk=a["pk"], role_code=a["role__code"], person=person, organisation_id=a["organisation_id"],
            organisation=a["organisation__short_name"], organisation_sort_order=a["organisation__sort_order"],
            start=start, end=end, days=days, share=a["share"], annual_share=_annual_share(a["share"], part),
            salary_cost=a["salary_cost"], social_fee_rate=a["social_fee_rate"],
            compensation=compensation_for(a["salary_cost"], a["share"], a["social_fee_rate"], part_of_year=part),
        ))
    return rows
