"""The kinds of record the portal keeps, and how long (the retention schedule's rows).

Each area declares its kinds of record in a `retention.py` (`KINDS = [RecordKind(...), ...]`),
listed in settings `RECORD_KINDS`. A kind names its records (a queryset), the date from which its
retention period counts and what culling it removes (the row and its files). The administrator
gives each cullable kind a retention class in the admin (governance.records: RetentionClass, kept
for ever or culled after N years under a named retention decision); a kind with none is kept. A
kind the law keeps for ever (decisions, adjusted minutes) is `permanent`: no class can cull it.
The yearly culling list (governance/records/culling.py) is drafted from these and removes nothing
until an archivist approves it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class RecordKind:
    key: str  # stable: stored in the retention rules and the culling log
    label: object  # gettext_lazy
    records: Callable[[], QuerySet] = field(compare=False)
    date_field: str = "created_at"  # a DateField or DateTimeField (lookups through relations allowed)
    permanent: bool = False
    # What a row of the culling list says about one record (never more personal data than needed).
    describe: Callable[[object], str] = field(default=str, compare=False)
    # The stored files culling removes with the record (deleted once the culling is committed).
    files: Callable[[object], Iterable] = field(default=lambda obj: (), compare=False)

    def due(self, cutoff: dt.date) -> QuerySet:
        """The records whose date lies before `cutoff` (the first day still kept)."""
        return self.records().filter(**{f"{self.date_field}__lt": cutoff})

    def date_of(self, obj) -> dt.date:
        value = obj
        for part in self.date_field.split("__"):
            value = getattr(value, part)
        return value.date() if isinstance(value, dt.datetime) else value


@cache
def record_kinds() -> dict[str, RecordKind]:
    """Every kind of record, by key, in the order of settings.RECORD_KINDS."""
    kinds: dict[str, RecordKind] = {}
    for path in settings.RECORD_KINDS:
        for kind in import_string(path):
            if kind.key in kinds:
                raise ValueError(f"record kind {kind.key!r} is declared twice")
            kinds[kind.key] = kind
    return kinds


def choices() -> list[tuple[str, object]]:
    return [(k.key, k.label) for k in record_kinds().values()]
