"""Reads for the web management. Each returns a QuerySet (with its joins and an explicit order) or a
small dataclass built from a bounded number of queries.

One module per area, everything importable from here."""
from .groups import (  # noqa: F401
    REQUIRED_JOINT_MEETINGS,
    REQUIRED_MEETINGS,
    MeetingCompliance,
    decisions,
    group_members,
    meeting_compliance,
    quota_at_risk,
    recent_status_reports,
    status_reports,
    web_management_group,
    working_groups,
)
from .pages import (  # noqa: F401
    YearlyMeetingReminder,
    backlog,
    page_versions,
    pages,
    platforms,
    policies,
    representatives_meeting,
    request_detail,
    request_history,
    requests,
    requests_to_triage,
    supported_request_ids,
    yearly_meeting_reminder,
)
from .reading import (  # noqa: F401
    OrganisationReading,
    ReadingFollowUp,
    audience_people,
    confirmation_of,
    current_version,
    reading_follow_up,
    unconfirmed_policies,
)
from .roles import (  # noqa: F401
    ProcessOwner,
    RoleCost,
    RoleStatus,
    SystemAdministrator,
    assignments_of,
    assignments_on,
    process_owner,
    role,
    role_costs,
    role_holders,
    role_overview,
    roles,
    system_administrator,
    vacant_roles,
    web_lead,
)
