"""The user's roles on a day, read once and shared by the start page's panels.

`roles_of(user, on)` answers "is the user a member of a body of this kind (year, positions)?",
"which organisations is the user information manager of?" and "which bodies does guardian let the
user view or manage?" from one membership query and one (lazy) object-permission query, instead of
each panel asking again. Inside `role_scope(user)` (the start page) the context is memoised on the
user object for that request; outside it every call reads afresh, so nothing goes stale between
requests or in tests that change memberships under the same user object.

Object-permission answers follow guardian exactly: the user's own and their groups' rows on the
direct-FK tables (governance.BodyUserObjectPermission / BodyGroupObjectPermission), nothing for
anonymous or inactive users; superusers are handled by the callers as before."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from governance import datacache
from governance.models import BodyGroupObjectPermission, BodyUserObjectPermission, Membership, User

from .core import BODY_MEMO, today

_SCOPE = "_role_context_scope"
BODY_CODENAMES = ("view_body", "manage_body")


@dataclass
class RoleContext:
    user: User
    on: dt.date

    # Each memo keeps the tables it read and replays them on every use (datacache.note), so every
    # cached value that uses it depends on them, whichever panel read them first.
    @cached_property
    def _memberships(self) -> tuple[list[Membership], frozenset[str]]:
        if not self.user.is_authenticated:
            return [], frozenset()
        return datacache.remember(lambda: list(
            Membership.objects.active_on(self.on)
            .filter(user=self.user)
            .select_related("body", "organisation")
            .order_by("body__kind", "body__name")
        ))

    @property
    def memberships(self) -> list[Membership]:
        """Active memberships on `on` with body and organisation, ordered as on the start page."""
        value, tables = self._memberships
        datacache.note(tables)
        return value

    def is_member(self, kind: str, *, year: int | None = None, positions: tuple[str, ...] | None = None) -> bool:
        """Same answer as governance.selectors.is_member(user, kind, year=, on=, positions=)."""
        return any(
            m.body.kind == kind
            and (year is None or m.body.year == year)
            and (not positions or m.position in positions)
            for m in self.memberships
        )

    def memberships_in(self, kind: str) -> list[Membership]:
        return [m for m in self.memberships if m.body.kind == kind]

    @property
    def body_perms(self) -> dict[int, frozenset[str]]:
        """{body id: {"view_body", "manage_body"} subset} from guardian's user and group rows."""
        value, tables = self._body_perms
        datacache.note(tables)
        return value

    @cached_property
    def _body_perms(self) -> tuple[dict[int, frozenset[str]], frozenset[str]]:
        return datacache.remember(self._read_body_perms)

    def _read_body_perms(self) -> dict[int, frozenset[str]]:
        user = self.user
        if not user.is_authenticated or not user.is_active:
            return {}
        own = BodyUserObjectPermission.objects.filter(
            user=user, permission__codename__in=BODY_CODENAMES
        ).values_list("content_object_id", "permission__codename")
        groups = BodyGroupObjectPermission.objects.filter(
            group__user=user, permission__codename__in=BODY_CODENAMES
        ).values_list("content_object_id", "permission__codename")
        perms: dict[int, set[str]] = {}
        for body_id, codename in own.union(groups, all=True):
            perms.setdefault(body_id, set()).add(codename)
        return {k: frozenset(v) for k, v in perms.items()}

    def has_body_perm(self, codename: str, body_id: int) -> bool:
        return codename in self.body_perms.get(body_id, ())

    def body_ids_with(self, *codenames: str) -> list[int]:
        return sorted(pk for pk, perms in self.body_perms.items() if perms.intersection(codenames))


def roles_of(user: User, on: dt.date | None = None) -> RoleContext:
    """The user's role context on `on` (default today); memoised inside `role_scope(user)`."""
    day = on or today()
    scope = getattr(user, _SCOPE, None)
    if scope is None:
        return RoleContext(user=user, on=day)
    if day not in scope:
        scope[day] = RoleContext(user=user, on=day)
    return scope[day]


@contextmanager
def role_scope(user: User):
    """Share one RoleContext per day for `user`, and each body_of_kind answer, while the block runs
    (one request)."""
    outer = getattr(user, _SCOPE, None)
    if outer is not None:
        yield
        return
    try:
        setattr(user, _SCOPE, {})
    except AttributeError:  # e.g. an object that takes no attributes
        yield
        return
    token = BODY_MEMO.set({})
    try:
        yield
    finally:
        BODY_MEMO.reset(token)
        try:
            delattr(user, _SCOPE)
        except AttributeError:
            pass


__all__ = ["RoleContext", "role_scope", "roles_of"]
