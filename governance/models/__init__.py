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
from .elections import (  # noqa: F401
    Ballot,
    Election,
    ElectionDecision,
    ElectionGroupObjectPermission,
    ElectionUserObjectPermission,
)
from .meetings import (  # noqa: F401
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAttachment,
    MeetingQuerySet,
    Minutes,
)
from .networks import (  # noqa: F401
    Conference,
    ConferenceRegistration,
    JoinRequest,
    Proposal,
)
from .reports import G7Report  # noqa: F401
