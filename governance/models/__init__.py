"""Governance models, one module per area; everything is importable from governance.models."""
from .core import *  # noqa: F401,F403
from .core import (  # noqa: F401
    Body,
    Membership,
    Notification,
    NotificationPreference,
    Organisation,
    User,
)
from .delegations import Delegation, DelegationQuerySet  # noqa: F401
from .elections import (  # noqa: F401
    Ballot,
    Election,
    ElectionDecision,
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
