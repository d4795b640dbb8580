"""G7 reads the reports the sitting steering group produces."""
from __future__ import annotations

import rules

from governance.bodies.rules import sits_in_g7, sits_in_steering_group

rules.add_perm("governance.produce_g7_report", sits_in_steering_group)


rules.add_perm("governance.view_g7_reports", sits_in_g7 | sits_in_steering_group)
