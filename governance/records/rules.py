"""Who reads the register: decisions are public records, so everyone signed in reads them."""
from __future__ import annotations

import rules

rules.add_perm("governance.view_decision", rules.is_active)
