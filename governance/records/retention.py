"""The register's kind of record: decisions are kept for ever (public records of the bodies' decisions)."""
from django.utils.translation import gettext_lazy as _

from governance.retention import RecordKind

from .models import Decision

KINDS = [
    RecordKind(key="records.decision", label=_("Decisions in the register"), records=Decision.objects.all,
               date_field="decided_on", permanent=True),
]
