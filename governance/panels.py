"""A start-page panel: what each area and app contributes to Min sida (settings.DASHBOARD_PANELS)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    # "warning" panels carry rules the portal *should* keep (DOMAIN.md) and things to act on.
    level: str = "info"
