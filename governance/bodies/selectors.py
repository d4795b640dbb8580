"""Reads about bodies and memberships. Each returns a QuerySet with its joins and an explicit order."""
from __future__ import annotations

import datetime as dt
from contextvars import ContextVar

from django.db.models import Count, Q, QuerySet

from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.people.models import Organisation, User


def members_of(body: Body, *, on: dt.date | None = None) -> QuerySet[Membership]:
    """Who is in `body` on day `on` (default today): one row per membership, chair first."""
    return (
        Membership.objects.active_on(on or today())
        .filter(body=body)
        .select_related("user", "user__organisation", "organisation", "body")
        .order_by("position", "user__last_name", "user__first_name")
    )


def memberships_of(user: User, *, on: dt.date | None = None) -> QuerySet[Membership]:
    """The bodies `user` belongs to on day `on`."""
    return (
        Membership.objects.active_on(on or today())
        .filter(user=user)
        .select_related("body", "organisation")
        .order_by("body__kind", "body__name")
    )


# Inside governance.bodies.roles.role_scope (one start-page request) body_of_kind answers each
# (kind, year) once; outside it, every call reads afresh.
BODY_MEMO: ContextVar[dict | None] = ContextVar("governance_body_memo", default=None)


def body_of_kind(kind: str, *, year: int | None = None) -> Body | None:
    memo = BODY_MEMO.get()
    if memo is None:
        return Body.objects.filter(kind=kind, year=year).first()
    if (kind, year) not in memo:
        memo[(kind, year)] = Body.objects.filter(kind=kind, year=year).first()
    return memo[(kind, year)]


def steering_group(year: int) -> Body | None:
    return body_of_kind(Body.Kind.STEERING_GROUP, year=year)


def standing_body(kind: str) -> Body:
    """A standing body (the networks, the directors' group, G7); created by the data migration."""
    return Body.objects.get(kind=kind, year=None)


def information_managers(*, on: dt.date | None = None) -> QuerySet[Membership]:
    """The information managers' network on a day: one membership per organisation."""
    return (
        Membership.objects.active_on(on or today())
        .filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK)
        .select_related("user", "organisation")
        .order_by("organisation__sort_order")
    )


def information_manager_of(organisation: Organisation, *, on: dt.date | None = None) -> User | None:
    membership = information_managers(on=on).filter(organisation=organisation).first()
    return membership.user if membership else None


def chair_of(body: Body | None, *, on: dt.date | None = None) -> Membership | None:
    if body is None:
        return None
    return members_of(body, on=on).filter(position=Membership.Position.CHAIR).first()


def is_member(user: User, kind: str, *, year: int | None = None, on: dt.date | None = None,
              positions: tuple[str, ...] | None = None) -> bool:
    """Does `user` sit in a body of `kind` (of `year`, when given) on day `on`?"""
    if not user.is_authenticated:
        return False
    qs = Membership.objects.active_on(on or today()).filter(user=user, body__kind=kind)
    if year is not None:
        qs = qs.filter(body__year=year)
    if positions:
        qs = qs.filter(position__in=positions)
    return qs.exists()


def bodies_with_member_counts(*, on: dt.date | None = None) -> QuerySet[Body]:
    day = on or today()
    active = Q(memberships__start__lte=day) & (Q(memberships__end__isnull=True) | Q(memberships__end__gte=day))
    return Body.objects.annotate(member_count=Count("memberships", filter=active)).order_by(
        "kind", "-year", "name"
    )
