"""Web management (appendix 1 of the governance text): the role catalogue and its assignments,
the steering group's decisions, working and reference groups, feature requests, the handbook and
FAQ, policies, the web platforms and the yearly meeting of the member organisations.

One module per area, everything importable from here."""
from .accessibility import (  # noqa: F401
    AccessibilityFeedback,
    AccessibilityProblem,
    AccessibilityStatement,
)
from .pages import (  # noqa: F401
    HandbookPage,
    Policy,
    PolicyVersion,
    RepresentativesMeeting,
    WebPlatform,
)
from .reading import ReadConfirmation  # noqa: F401
from .requests import (  # noqa: F401
    FeatureAttachment,
    FeatureRequest,
    FeatureSupport,
    attachment_path,
)
from .roles import (  # noqa: F401
    Role,
    RoleAssignment,
    RoleAssignmentQuerySet,
    StatusReport,
    SteeringDecision,
    WebCooperation,
    WorkingGroup,
)
