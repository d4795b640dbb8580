"""Min sida's news: the most relevant items one reads (pinned, one's own organisation's and bodies',
then the network's; newer first), in one query."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.news import selectors
from governance.panels import Panel


def panels(user, today: dt.date) -> list[Panel]:
    items = selectors.most_relevant(user, today)
    if not items:
        return []
    return [Panel(title=_("News"), template="governance/news/panel_news.html",
                  context={"items": items, "today": today})]
