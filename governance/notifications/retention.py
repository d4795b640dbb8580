"""Notifications: personal messages of passing value, culled under the schedule."""
from django.utils.translation import gettext_lazy as _

from governance.retention import RecordKind

from .models import Notification

KINDS = [
    RecordKind(key="notifications.notification", label=_("Notifications to people"),
               records=Notification.objects.all, date_field="created_at",
               describe=lambda n: f"#{n.pk} · {n.kind}",
               files=lambda n: [n.attachment] if n.attachment else []),
]
