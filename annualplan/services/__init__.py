"""Writes for the operating plan, one module per area, all importable from here. Keyword-only,
atomic, permission-checked (governance.authority.require), audited."""
from .actions import activity_link_action, activity_unlink_action, linkable_actions  # noqa: F401
from .plans import (  # noqa: F401
    ACTIVITY_FIELDS,  # noqa: F401
    activity_create,
    activity_delete,
    activity_update,
    assignment_create,
    assignment_delete,
    consultation_answer,
    follow_up_record,
    goal_create,
    plan_close,
    plan_close_consultation,
    plan_create,
    plan_mark_fee_decided,
    plan_open_consultation,
    plan_save_version,
    plan_snapshot,
    plan_snapshot_data,
    plan_start_follow_up,
    plan_update,
    plan_vote,
)
from .projects import (  # noqa: F401
    funding_apply,
    funding_decide,
    milestone_add,
    milestone_done,
    participant_add,
    project_propose,
    project_update,
)
from .unit_plans import (  # noqa: F401
    measure_follow_up_record,
    measure_save,
    survey_save,
    unit_plan_create,
    unit_plan_update,
)
