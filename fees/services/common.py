"""What the fee writes share: the default system owner, the lost-update check."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from governance.people.models import Organisation

ZERO = Decimal("0")
DEFAULT_PAYMENT_DAYS = 30


def default_system_owner() -> Organisation:
    return Organisation.objects.get(code=getattr(settings, "FEES_SYSTEM_OWNER_CODE", "O"))


def _check_version(obj, version: int | None) -> None:
    if version is not None and int(version) != obj.version:
        raise ValidationError(
            _("Someone else saved this %(what)s while you were editing it. Your changes are still in the "
              "form: reload the page in another tab to see theirs, then save again.")
            % {"what": obj._meta.verbose_name}
        )
