"""Reads of the news: the list one may read, an item, the start page's most relevant items and the
personal feed (its secret address is the person's calendar address, governance.people)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from governance.people.models import User

from .models import NewsItem
from .rules import readable_news, visible_news

# The start page shows what was published in the last weeks, or is pinned.
RECENT_DAYS = 30
PANEL_ITEMS = 5
FEED_ITEMS = 50


def _items() -> QuerySet[NewsItem]:
    return NewsItem.objects.select_related("author", "body", "organisation")


def news_list(user) -> QuerySet[NewsItem]:
    """What `user` may read (and, for its publishers, what they may change), newest first."""
    return visible_news(user, _items()).order_by("-published_at", "-pk")


def detail(pk: int) -> NewsItem:
    return _items().get(pk=pk)


def most_relevant(user, day: dt.date, *, limit: int = PANEL_ITEMS) -> list[NewsItem]:
    """Min sida's news, in one query: pinned first, then one's own organisation's and bodies' news
    before the network's, newer first; only the recent ones or those pinned."""
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    items = readable_news(user, NewsItem.objects.select_related("author", "body", "organisation"))
    return list(
        items.filter(Q(published_at__gte=since) | Q(pinned_until__gte=day))
        .annotate(
            unpinned=Case(When(pinned_until__gte=day, then=Value(0)), default=Value(1), output_field=IntegerField()),
            wide=Case(When(audience=NewsItem.Audience.NETWORK, then=Value(1)), default=Value(0),
                      output_field=IntegerField()),
        )
        .order_by("unpinned", "wide", "-published_at", "-pk")[:limit]
    )


def feed_user(token: str) -> User | None:
    """The active person whose secret feed address `token` is; None for an unknown or revoked one."""
    if not token or len(token) < 20:
        return None
    return User.objects.filter(calendar_token=token, is_active=True).first()


def feed_items(user: User, audience: str | None = None) -> list[NewsItem]:
    """The newest news `user` reads today (never what they may only change), of one audience if
    asked."""
    items = readable_news(user, NewsItem.objects.select_related("author"))
    if audience in NewsItem.Audience.values:
        items = items.filter(audience=audience)
    return list(items.order_by("-published_at", "-pk")[:FEED_ITEMS])
