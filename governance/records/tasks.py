"""The records' yearly task: the culling list drafted from the retention schedule (beat, 15 January)."""
from __future__ import annotations

from celery import shared_task

from governance.authority import today

from . import culling


@shared_task(acks_late=True, time_limit=900, soft_time_limit=870)
def culling_list_draft() -> str:
    """Draft this year's culling list (idempotent: a second run adds only records newly due, and an
    approved list is left alone)."""
    from django.core.exceptions import ValidationError

    try:
        culling_list, added = culling.culling_draft(year=today().year)
    except ValidationError:
        return "already approved"
    return f"{culling_list.year}: {added} rows added"
