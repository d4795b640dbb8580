"""Governance reads, one module per area. Core ones are re-exported here."""
from .core import *  # noqa: F401,F403
from .core import (  # noqa: F401
    bodies_with_member_counts,
    body_of_kind,
    chair_of,
    count_each,
    fee_payers,
    information_manager_of,
    information_managers,
    is_member,
    latest_unread,
    members_of,
    memberships_of,
    notifications_for,
    standing_body,
    steering_group,
    today,
    unread_count,
)
