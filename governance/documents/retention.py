"""The archive's kinds of record: each kind of document is its own row of the retention schedule
(meeting notes kept for ever, presentations culled after some years, …, as the admin sets)."""
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from governance.retention import RecordKind

from .models import Document


def _kind(kind: Document.Kind) -> RecordKind:
    return RecordKind(
        key=f"documents.{kind.value}", label=format_lazy("{}: {}", _("Documents"), kind.label),
        records=lambda: Document.objects.filter(kind=kind.value).select_related("body"),
        date_field="dated",
        describe=lambda d: f"{d.title} ({d.body}, {date_format(d.dated, 'Y-m-d')})",
        files=lambda d: [v.file for v in d.versions.all()],
    )


KINDS = [_kind(kind) for kind in Document.Kind]
