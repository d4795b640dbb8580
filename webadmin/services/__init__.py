"""Writes of the web management. Keyword-only, atomic, validated (full_clean through
audited_save), recorded in the history with who and why; PermissionDenied when the actor may not.
`actor=None` is the system itself (data migrations, commands) and skips the permission check.

One module per area, everything importable from here."""
from .accessibility import feedback_submit  # noqa: F401
from .common import (  # noqa: F401
    GROUP_SIZE,
)
from .pages import (  # noqa: F401
    page_create,
    page_set_status,
    page_update,
    policy_adopt,
    policy_version_adopt,
    yearly_meeting_remind,
)
from .reading import (  # noqa: F401
    policy_read_confirm,
    policy_reading_remind,
    policy_reading_set,
)
from .requests import (  # noqa: F401
    attachment_add,
    backlog_move,
    backlog_reorder,
    feature_request_submit,
    feature_request_support,
    feature_request_transition,
    feature_request_update,
)
from .roles import (  # noqa: F401
    composition_errors,
    role_assign,
    role_assignment_end,
    role_assignment_update,
    status_report_file,
    web_lead_appoint,
    web_management_group_compose,
    working_group_create,
)
