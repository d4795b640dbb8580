"""Who may read and produce G7 reports: G7's members, the steering group of the year, admins."""
from __future__ import annotations

from .models import Body
from .selectors import is_member, today


def can_view_g7_reports(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return is_member(user, Body.Kind.G7) or can_produce_g7_report(user)


def can_produce_g7_report(user) -> bool:
    """The steering group (this year's) produces a report on demand; admins too."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or is_member(user, Body.Kind.STEERING_GROUP, year=today().year)
