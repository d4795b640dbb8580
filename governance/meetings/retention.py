"""Meetings' kinds of record: minutes are kept for ever; attachments follow the schedule."""
from django.utils.translation import gettext_lazy as _

from governance.retention import RecordKind

from .models import MeetingAttachment, Minutes

KINDS = [
    RecordKind(key="meetings.minutes", label=_("Minutes"), records=Minutes.objects.all, date_field="meeting__start",
               permanent=True),
    RecordKind(key="meetings.attachment", label=_("Meeting attachments"),
               records=lambda: MeetingAttachment.objects.select_related("meeting"), date_field="meeting__start",
               describe=lambda a: f"{a.original_name} ({a.meeting})", files=lambda a: [a.file]),
]
