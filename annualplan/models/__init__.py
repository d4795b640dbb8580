"""The annual operating plan (verksamhetsplan), one module per area, all importable from here:
plans (areas, the plan, activities, resources, consultation, adoption, versions, follow-up),
projects (development projects and their funds) and unit_plans (the organisations' action plans)."""
from .actions import ActivityAction  # noqa: F401
from .plans import (  # noqa: F401
    MONEY,  # noqa: F401
    Activity,
    Area,
    ConsultationAnswer,
    FollowUp,
    Light,
    Plan,
    PlanDecision,
    PlanGoal,
    PlanVersion,
    PlanVote,
    ResourceAssignment,
)
from .projects import (  # noqa: F401
    DevelopmentProject,
    FundingApplication,
    Milestone,
    ProjectParticipant,
)
from .unit_plans import (  # noqa: F401
    Measure,
    MeasureFollowUp,
    Survey,
    UnitActionPlan,
)
