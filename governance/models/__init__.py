"""Governance models, one module per area; everything is importable from governance.models."""
from .core import *  # noqa: F401,F403
from .core import (  # noqa: F401
    Body,
    BodyGroupObjectPermission,
    BodyUserObjectPermission,
    Membership,
    Notification,
    NotificationPreference,
    Organisation,
    OrganisationGroupObjectPermission,
    OrganisationUserObjectPermission,
    User,
)
