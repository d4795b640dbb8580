"""The operating plan's notification kinds (e-mail on or off per kind)."""
from django.utils.translation import gettext_lazy as _

from governance.notifications.kinds import register_kind

CONSULTATION = register_kind("annualplan_consultation", _("Consultations on the operating plan"))
VOTE = register_kind("annualplan_vote", _("Votes on adopting the operating plan"))
FUNDING = register_kind("annualplan_funding", _("Development funds"))
# A follow-up's traffic light that turns red (services.common.notify_off_track).
OFF_TRACK = register_kind("annualplan_off_track", _("Activities and measures that go off track"))
