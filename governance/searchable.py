"""What an area offers the portal's search (governance/search): `Source`, one declared object per
kind of record. Each app lists its sources in a module named in settings `SEARCH_SOURCES`
(`governance.meetings.search.SOURCES`, `annualplan.search.SOURCES`, …), the way panels come through
`DASHBOARD_PANELS`; this module imports no area.

A source says which rows `user` may open (`rows(user)`: the area's own visibility rule as a
queryset filter, the same rule its detail page asks), which text is searched with which weight
("A" most, "D" least; a field name or an expression), the hit's title and its address. The search
reads the live rows on every request, so nothing goes stale; on PostgreSQL a source whose fields are
all columns of its own table also needs a GIN index over its vector (governance/search/engine.py,
`vector`; tests/governance/test_search.py fails for one without)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class Source:
    kind: str  # a stable code, also the page's `?kind=` filter ("documents")
    label: Any  # the kind's name as the reader sees it (gettext_lazy, plural: "Documents")
    rows: Callable[[Any], Any]  # user -> the QuerySet of what the user may open
    fields: tuple[tuple[Any, str], ...]  # (field name or expression, weight "A".."D")
    title: Any  # field name or expression: the hit's title
    url_name: str  # the hit's page, reversed with {url_kwarg: key}
    key: Any = "pk"  # field name or expression; a hit whose key is None has no page of its own
    url_kwarg: str = "pk"

    def url(self, key) -> str | None:
        if key in (None, ""):
            return None
        return reverse(self.url_name, kwargs={self.url_kwarg: key})
