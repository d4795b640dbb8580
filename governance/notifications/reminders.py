"""A reminder is a notification sent once per occasion, in Swedish, the portal's language."""
from __future__ import annotations

from django.utils.translation import override


def send_reminder(**kwargs) -> bool:
    from governance.notifications.services import notification_send

    # Reminders are written in Swedish, the portal's language; the portal shows them as stored.
    with override("sv"):
        subject = str(kwargs.pop("subject"))
        body = str(kwargs.pop("body", ""))
    _notification, created = notification_send(subject=subject, body=body, **kwargs)
    return created


def due_offset(days_left: int, offsets: list[int]) -> int | None:
    """The reminder that is due `days_left` days before a meeting: the smallest configured offset
    that has been reached. A missed day (beat down) is caught up the next day; an offset already
    sent is deduplicated by its occasion."""
    reached = [d for d in offsets if days_left <= d]
    return min(reached) if reached else None
