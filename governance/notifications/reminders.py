"""A reminder is a notification sent once per occasion; like every notification its subject and
body are stored untranslated (governance.texts.Text) and written in the reader's language."""
from __future__ import annotations


def send_reminder(**kwargs) -> bool:
    from governance.notifications.services import notification_send

    _notification, created = notification_send(**kwargs)
    return created


def due_offset(days_left: int, offsets: list[int]) -> int | None:
    """The reminder that is due `days_left` days before a meeting: the smallest configured offset
    that has been reached. A missed day (beat down) is caught up the next day; an offset already
    sent is deduplicated by its occasion."""
    reached = [d for d in offsets if days_left <= d]
    return min(reached) if reached else None
