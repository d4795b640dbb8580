"""Reads about organisations."""
from __future__ import annotations

from django.db.models import QuerySet

from governance.people.models import Organisation


def fee_payers() -> QuerySet[Organisation]:
    """The 22 organisations that pay the annual fee: 21 county boards and Vattenmyndigheterna."""
    return Organisation.objects.filter(pays_fee=True).order_by("sort_order", "code")
