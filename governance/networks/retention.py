"""The network's kinds of record: conference registrations and requests to join (personal data
kept only as long as the schedule says)."""
from django.utils.translation import gettext_lazy as _

from governance.retention import RecordKind

from .models import ConferenceRegistration, JoinRequest

KINDS = [
    RecordKind(key="networks.conference_registration", label=_("Conference registrations"),
               records=lambda: ConferenceRegistration.objects.select_related("conference"),
               date_field="conference__date",
               describe=lambda r: f"#{r.pk} · {r.conference}"),
    RecordKind(key="networks.join_request", label=_("Requests to join the communicators' network"),
               records=lambda: JoinRequest.objects.exclude(status=JoinRequest.Status.PENDING),
               date_field="created_at",
               describe=lambda j: f"#{j.pk}"),
]
