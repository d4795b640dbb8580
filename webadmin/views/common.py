"""What the web management's pages share: the user's rights on the web cooperation, asked with the rules."""
from __future__ import annotations

from governance.authority import require

from ..rules import CODENAMES


def _caps(request) -> set[str]:
    """The web cooperation's rights `request.user` holds, for the templates (`"lead_web" in caps`)."""
    return {codename for codename in CODENAMES if request.user.has_perm(f"webadmin.{codename}")}


def _need(request, codename: str, message: str) -> None:
    require(request.user, f"webadmin.{codename}", message=message)
