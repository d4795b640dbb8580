"""The permission matrix: every URL pattern × every demo account (and anonymous) → status.

Each app lists its URLs in tests/<app>/matrix.py as MATRIX = {"app:name": Row(...)}.
tests/test_permission_matrix.py fails when a URL pattern has no row."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ["anonymous", "admin", "chair", "steering", "infochef", "communicator", "weblead", "director", "g7",
         "deputy", "former", "archivist"]
LOGIN = 302  # anonymous users are sent to the log-in page
SUCCESS, ERROR = "success", "error"
# The rule lets the role through; the demo's data is in a state the action refuses (the plan is in
# consultation, the invoices exist already, …), so the role is sent back with the reason and nothing
# is done. The state rules themselves are tested in each app's tests.
STATE_REFUSES = {"*": ERROR}
# The body of an irreversible action's confirmed POST (governance.web.confirm): without it the
# action answers with its confirmation page.
CONFIRMED = {"confirmed": "1"}


@dataclass
class Row:
    """`expect` maps a role to a status; "*" is every role not named. `kwargs` and `data` may be
    callables (run with the demo data loaded) returning the URL kwargs / the POST body."""

    expect: dict[str, int]
    kwargs: dict | Callable[[], dict] = field(default_factory=dict)
    method: str = "get"
    data: dict | Callable[[], dict] | None = None
    query: str = ""
    # Where a 302 goes, per role ("*" for every role not named): "success" (the action was done),
    # "error" (sent back with an error message, nothing done) or "login" (anonymous only). A
    # logged-in role's redirect defaults to "success".
    outcome: dict[str, str] = field(default_factory=dict)

    def outcome_for(self, role: str) -> str:
        if role == "anonymous":
            return "login"
        return self.outcome.get(role, self.outcome.get("*", SUCCESS))

    def status_for(self, role: str) -> int:
        if role in self.expect:
            return self.expect[role]
        if role == "anonymous" and "anonymous" not in self.expect:
            return LOGIN
        return self.expect["*"]


def everyone(status: int = 200, **overrides) -> dict[str, int]:
    """Every logged-in role gets `status`; anonymous is sent to log in."""
    return {"*": status, **overrides}


def only(*roles: str, status: int = 200, others: int = 403) -> dict[str, int]:
    """These roles (and admin) get `status`, every other logged-in role `others`."""
    return {"*": others, "admin": status, **{r: status for r in roles}}
