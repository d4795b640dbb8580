"""Web management pages. Thin views: permission first, one service call per POST, a broken rule
shown on the form (never a 500).

One module per area, everything importable from here."""
from .accessibility import accessibility_statement  # noqa: F401
from .pages import (  # noqa: F401
    page_create,
    page_detail,
    page_edit,
    page_history,
    page_list,
    page_publish,
    platform_list,
    policy_create,
    policy_detail,
    policy_list,
    policy_version_create,
)
from .reading import (  # noqa: F401
    policy_read_confirm,
    policy_reading,
    policy_reading_edit,
    policy_reading_remind,
)
from .requests import (  # noqa: F401
    attachment,
    request_create,
    request_detail,
    request_edit,
    request_history,
    request_list,
    request_move,
    request_support,
    request_triage,
)
from .roles import (  # noqa: F401
    group,
    group_compose,
    group_create,
    group_detail,
    overview,
    role_assign,
    role_end,
    status_report,
)
