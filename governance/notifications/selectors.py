"""Reads of a person's notifications."""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from governance.notifications.models import Notification

if TYPE_CHECKING:
    from governance.people.models import User


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    """The user's unread notifications: counted once per request (the start page's notification
    panel counts them with its rows and leaves the figure here)."""
    from governance.memo import memo

    return memo(user, UNREAD_COUNT, lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count())


UNREAD_COUNT = "governance.unread_count"


def latest_unread(user: User, limit: int = 5) -> list[Notification]:
    """The `limit` latest unread notifications, counting every unread one in the same query (a
    window over the rows before the limit) for the navigation's badge."""
    from django.db.models import Window

    from governance.memo import remember

    rows = list(notifications_for(user).filter(read_at__isnull=True)
                .annotate(unread_total=Window(Count("id")))[:limit])
    remember(user, UNREAD_COUNT, rows[0].unread_total if rows else 0)
    return rows
