"""The kinds of notification. Each app registers its kinds in its AppConfig.ready(), so users can
choose per kind how it is e-mailed (NotificationPreference.Delivery: immediately, in a daily or weekly
digest, or not at all). The service that sends a kind passes its
subject and body as governance.texts.Text (stored untranslated, shown in the reader's language), and
tests/test_stored_texts_language.py has a trigger for every kind registered here."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

KINDS: dict[str, object] = {}


def register_kind(code: str, label) -> str:
    KINDS[code] = label
    return code


GENERAL = register_kind("general", _("General messages"))


MEMBERSHIP = register_kind("membership", _("Memberships and roles"))


# Networks, proposals and the election (governance/networks/services.py, governance/elections/services.py).
NETWORK_JOIN = register_kind("network_join", _("Requests to join the communicators' network"))


PROPOSAL = register_kind("proposal", _("Proposals for joint communication initiatives"))


ELECTION_DECIDED = register_kind("election_decided", _("The steering group election's decision"))
ELECTION_PROPOSAL_CHANGED = register_kind(
    "election_proposal_changed", _("Changes to the nominating committee's proposal while the ballot is open"))


# Reminders and reports (governance/meetings/reminders.py, governance/networks/reminders.py, governance/reports/services.py).
MEETING_REMINDER = register_kind("meeting_reminder", _("Reminders of upcoming meetings"))


MINUTES_OVERDUE = register_kind("minutes_overdue", _("Minutes not yet published after a meeting"))


ACTION_ITEM = register_kind("action_item", _("Actions for you from the minutes, and when they are due"))


MINUTES_ADJUSTMENT = register_kind("minutes_adjustment", _("Adjusting minutes: to adjust, changes proposed, adjusted"))


CONFERENCE_DEADLINE = register_kind("conference_deadline", _("The conference registration deadline"))


G7_REPORT = register_kind("g7_report", _("The G7 report"))


# Culling under the retention schedule (governance/records/culling.py).
CULLING_LIST = register_kind("culling_list", _("The yearly culling list, for the archivist"))
