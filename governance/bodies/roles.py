"""The user's memberships of the day as objects, for the start page's panels to show.

Questions of authority are `user.has_perm(...)` (governance/authority.py and the apps' rules.py);
this module only lists what the panels display (the bodies, the organisations represented), read
once per request in the same memo as the facts the rules use."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from governance import authority, memo
from governance.authority import today
from governance.bodies.models import Membership
from governance.bodies.selectors import BODY_MEMO
from governance.people.models import User


@dataclass
class RoleContext:
    user: User
    on: dt.date

    @property
    def memberships(self) -> list[Membership]:
        """Active memberships on `on` with body and organisation, ordered as on the start page."""
        if not self.user.is_authenticated:
            return []
        return [m for m in authority.facts(self.user).memberships if m.is_active_on(self.on)]

    def is_member(self, kind: str, *, year: int | None = None, positions: tuple[str, ...] | None = None) -> bool:
        """Same answer as governance.bodies.selectors.is_member(user, kind, year=, on=, positions=)."""
        return authority.facts(self.user).sits(self.on, kind, year=year, positions=positions)

    def memberships_in(self, kind: str) -> list[Membership]:
        return [m for m in self.memberships if m.body.kind == kind]


def roles_of(user: User, on: dt.date | None = None) -> RoleContext:
    """The user's role context on `on` (default today)."""
    return RoleContext(user=user, on=on or today())


@contextmanager
def role_scope(user: User):
    """One request's memo: the authority facts and each body_of_kind answer."""
    with memo.scope():
        token = BODY_MEMO.set({}) if BODY_MEMO.get() is None else None
        try:
            yield
        finally:
            if token is not None:
                BODY_MEMO.reset(token)


__all__ = ["RoleContext", "role_scope", "roles_of"]
