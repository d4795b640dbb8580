"""The kinds of notification. Each app registers its kinds in its AppConfig.ready(), so users can
choose e-mail on or off per kind (NotificationPreference)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

KINDS: dict[str, object] = {}


def register_kind(code: str, label) -> str:
    KINDS[code] = label
    return code


GENERAL = register_kind("general", _("General messages"))
MEMBERSHIP = register_kind("membership", _("Memberships and roles"))
