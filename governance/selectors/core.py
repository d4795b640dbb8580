"""Reads. Each returns a QuerySet with its joins and an explicit order."""
from __future__ import annotations

import datetime as dt
from contextvars import ContextVar

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from governance.models import Body, Membership, Notification, Organisation, User


def today() -> dt.date:
    """Today in Europe/Stockholm."""
    return timezone.localdate()


def fee_payers() -> QuerySet[Organisation]:
    """The 22 organisations that pay the annual fee: 21 county boards and Vattenmyndigheterna."""
    return Organisation.objects.filter(pays_fee=True).order_by("sort_order", "code")


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


# Inside governance.selectors.roles.role_scope (one start-page request) body_of_kind answers each
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


def count_each(**querysets: QuerySet) -> dict[str, int]:
    """Each queryset's number of rows, all counted in one statement (a scalar subquery per
    queryset, as the ORM writes it): for pages that show several counts from different tables."""
    if not querysets:
        return {}
    parts, params = [], []
    for qs in querysets.values():
        sql, qs_params = qs.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params.extend(qs_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    """The user's unread notifications: counted once per request (the start page's notification
    panel counts them with its rows and leaves the figure here)."""
    from governance.authority import memo

    return memo(user, UNREAD_COUNT, lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count())


UNREAD_COUNT = "governance.unread_count"


def latest_unread(user: User, limit: int = 5) -> list[Notification]:
    """The `limit` latest unread notifications, counting every unread one in the same query (a
    window over the rows before the limit) for the navigation's badge."""
    from django.db.models import Window

    from governance.authority import remember

    rows = list(notifications_for(user).filter(read_at__isnull=True)
                .annotate(unread_total=Window(Count("id")))[:limit])
    remember(user, UNREAD_COUNT, rows[0].unread_total if rows else 0)
    return rows
