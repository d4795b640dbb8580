"""Governance writes, one module per area (Zulip's actions/). Core ones are re-exported here."""
from .core import *  # noqa: F401,F403
from .core import (  # noqa: F401
    EmailDeliveryError,
    enqueue_email,
    membership_create,
    membership_end,
    notification_deliver_email,
    notification_mark_read,
    notification_preferences_set,
    notification_send,
    notifications_mark_all_read,
    wants_email,
)
from .delegations import delegation_grant, delegation_revoke, delegation_shorten  # noqa: F401,E402
