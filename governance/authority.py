"""The facts authority is computed from, read once per request.

Every right in the portal is one question, `user.has_perm(<app>.<verb>_<model>, obj)`, answered by the
rules of each app (`<app>/rules.py`, django-rules predicates) from facts that hold *at the moment
of the question*: the user's memberships with their periods, the deputies named for them with their
periods, the user's organisation, and the object's own state. Nothing is copied into rows and no
job keeps anything in sync, so a term change at 00:00 on 1 January, a new credit note or an ended
membership takes effect on the next request.

`facts(user)` reads the user's memberships and delegations in two queries. Inside `scope()` (each
HTTP request, by `AuthorityScopeMiddleware`) it is memoised for the request; outside (tasks,
management commands, the shell, tests calling `has_perm` directly) every call reads afresh, so an
answer is never older than the question.

The personal appointments of other apps (the archivist, the web roles) come through settings
`APPOINTMENTS` and are read together, in one statement, by `appointments(user)`; an app may keep
other facts in the same memo with `governance.memo.memo(user, key, load)`.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from governance.memo import memo, scope

log = logging.getLogger("samordna.authority")



def today() -> dt.date:
    """Today in Europe/Stockholm: the day every right is computed for."""
    return timezone.localdate()


_IN_REQUEST: ContextVar[bool] = ContextVar("samordna_authority_in_request", default=False)


class AuthorityScopeMiddleware:
    """One memo of facts per request (placed after AuthenticationMiddleware). A refused request is
    logged once, by the 403 handler (governance.home.views.permission_denied), with the rule and
    object that `refuse` attached to the exception."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _IN_REQUEST.set(True)
        try:
            with scope():
                return self.get_response(request)
        finally:
            _IN_REQUEST.reset(token)


def _log_refusal(user, rule, object_label, where) -> None:
    log.info("refused: user=%s rule=%s object=%s at=%s", getattr(user, "pk", None), rule or "-",
             object_label or "-", where)


# --- The user's facts -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Seat:
    """One membership, flattened: which body (kind, year), which organisation, which position, when."""

    body_id: int
    kind: str
    year: int | None
    organisation_id: int
    position: str
    start: dt.date
    end: dt.date | None

    def on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True)
class Mandate:
    """A deputy's mandate (governance.Delegation), flattened."""

    pk: int
    organisation_id: int
    scope: str
    granted_by_id: int
    start: dt.date
    end: dt.date
    user_id: int  # the deputy

    def on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Facts:
    user_id: int | None
    organisation_id: int | None
    seats: list[Seat] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    # The mandates the user has granted to others (not revoked), for Min sida.
    granted: list[Mandate] = field(default_factory=list)
    # The same memberships as objects (body and organisation loaded), for pages that show them.
    memberships: list = field(default_factory=list)

    # -- memberships
    def seats_on(self, day: dt.date, kind: str | None = None, *, year: int | None = None,
                 positions: Iterable[str] | None = None) -> list[Seat]:
        positions = tuple(positions) if positions else None
        return [
            s for s in self.seats
            if s.on(day) and (kind is None or s.kind == kind) and (year is None or s.year == year)
            and (positions is None or s.position in positions)
        ]

    def sits(self, day: dt.date, kind: str, *, year: int | None = None,
             positions: Iterable[str] | None = None) -> bool:
        return bool(self.seats_on(day, kind, year=year, positions=positions))

    def in_body(self, body_id: int, day: dt.date, *, positions: Iterable[str] | None = None) -> bool:
        positions = tuple(positions) if positions else None
        return any(s.body_id == body_id and s.on(day) and (positions is None or s.position in positions)
                   for s in self.seats)

    def seats_in(self, body_ids: Iterable[int]) -> list[Seat]:
        wanted = set(body_ids)
        return [s for s in self.seats if s.body_id in wanted]

    def info_manager_of(self, day: dt.date) -> set[int]:
        """The organisations the user is information manager of on `day` (normally one)."""
        from governance.bodies.models import Body

        return {s.organisation_id for s in self.seats_on(day, Body.Kind.INFO_MANAGERS_NETWORK)}

    def info_manager_organisations(self, day: dt.date) -> list:
        """The same organisations as objects (from the memberships read: no query), by sort order."""
        from governance.bodies.models import Body

        found = {m.organisation_id: m.organisation for m in self.memberships
                 if m.body.kind == Body.Kind.INFO_MANAGERS_NETWORK and m.start <= day
                 and (m.end is None or m.end >= day)}
        return sorted(found.values(), key=lambda o: (o.sort_order, o.code))

    # -- deputies
    def deputy_for(self, day: dt.date, scope: str) -> set[int]:
        """The organisations for which the user holds a deputy's mandate of `scope` on `day`."""
        return {m.organisation_id for m in self.mandates if m.scope == scope and m.on(day)}


ANONYMOUS = Facts(user_id=None, organisation_id=None)


def facts(user) -> Facts:
    """The user's memberships (every period) and the mandates they hold or granted: two queries,
    once per request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    return memo(user, "governance.facts", lambda: _load(user))


def _load(user) -> Facts:
    from governance.bodies.models import Membership
    from governance.people.models import Delegation

    memberships = list(Membership.objects.filter(user_id=user.pk).select_related("body", "organisation")
                       .order_by("body__kind", "body__name", "start"))
    seats = [
        Seat(body_id=m.body_id, kind=m.body.kind, year=m.body.year, organisation_id=m.organisation_id,
             position=m.position, start=m.start, end=m.end)
        for m in memberships
    ]
    from django.db.models import Q

    # Plain values, not objects: every request reads them, only Min sida shows the people.
    rows = [
        Mandate(pk=pk, organisation_id=organisation_id, scope=scope, granted_by_id=granted_by_id, start=start,
                end=end, user_id=user_id)
        for pk, organisation_id, scope, granted_by_id, start, end, user_id in
        Delegation.objects.filter(Q(user_id=user.pk) | Q(granted_by_id=user.pk), revoked_at__isnull=True)
        .order_by("start", "pk").values_list("pk", "content_object_id", "permission__codename", "granted_by_id",
                                             "start", "end", "user_id")
    ]
    return Facts(user_id=user.pk, organisation_id=user.organisation_id, seats=seats,
                 mandates=[m for m in rows if m.user_id == user.pk],
                 granted=[m for m in rows if m.granted_by_id == user.pk and m.user_id != user.pk],
                 memberships=memberships)


# --- Appointments --------------------------------------------------------------------------------
def appointments(user) -> list[tuple[str, dt.date, dt.date | None]]:
    """The user's personal appointments, every period, as (kind, start, end): the archivist, the web
    roles, whatever settings `APPOINTMENTS` names. Each entry is a callable (user_id) -> a values_list
    queryset of (kind, start, end) whose kind starts with its app's label ("records.archivist",
    "webadmin.web_lead"); all are read in one statement (UNION ALL), once per request like `facts`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    return memo(user, "governance.appointments", lambda: _load_appointments(user.pk))


def appointed(user, day: dt.date, prefix: str) -> set[str]:
    """The kinds of appointment starting with `prefix` that the user holds on `day`."""
    return {kind for kind, start, end in appointments(user)
            if kind.startswith(prefix) and start <= day and (end is None or end >= day)}


def _load_appointments(user_id: int) -> list[tuple]:
    from django.conf import settings
    from django.utils.module_loading import import_string

    parts = [import_string(path)(user_id).order_by() for path in settings.APPOINTMENTS]
    if not parts:
        return []
    return list(parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0])


# --- Refusals ----------------------------------------------------------------------------------------
def refuse(user, perm: str, obj: Any = None, message: str | None = None):
    """The PermissionDenied to raise, carrying `message` (shown on the 403 page) or a plain "You may
    not do this.", and the rule and object for the log (written once: by the middleware in a request,
    here outside one)."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    exc = PermissionDenied(message or _("You may not do this."))
    exc.rule = perm
    exc.object_label = f"{obj._meta.label}:{obj.pk}" if hasattr(obj, "_meta") else (None if obj is None else repr(obj))
    if not _IN_REQUEST.get():  # in a request the 403 handler logs it, once, with the page
        _log_refusal(user, perm, exc.object_label, "service")
    return exc


def require(user, perm: str, obj: Any = None, message: str | None = None) -> None:
    """Raise PermissionDenied (logged once) unless `user.has_perm(perm, obj)`. Views and services
    that several entry points use call it; a view that has asked does not ask again."""
    if user is None or not user.has_perm(perm, obj):
        raise refuse(user, perm, obj, message)
