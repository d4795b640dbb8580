"""Demo: the communicator has chosen a daily digest for two kinds, so the settings page shows it."""
from __future__ import annotations

from django.contrib.auth import get_user_model

from governance.notifications import kinds
from governance.notifications.models import NotificationPreference

DAILY_DIGEST = {"communicator": [kinds.PROPOSAL, kinds.NETWORK_JOIN]}


def seed_preferences(ctx) -> None:
    for username, codes in DAILY_DIGEST.items():
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            continue
        for code in codes:
            NotificationPreference.objects.update_or_create(
                user=user, kind=code, defaults={"delivery": NotificationPreference.Delivery.DAILY})
