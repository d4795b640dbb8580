"""What the operating plan's page links to in fees (settings.PLAN_LINKS): the year's budget with its
fee and the year's invoices. No queries: the budget page answers for a year without a budget too."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from .rules import reads_budget


def plan_links(user, year: int) -> list[tuple[str, str]]:
    if not (user.is_superuser or reads_budget(user)):
        return []
    return [
        (_("Budget and fee %(year)s") % {"year": year}, reverse("fees:budget_detail", kwargs={"year": year})),
        (_("Invoices %(year)s") % {"year": year}, reverse("fees:invoice_list") + f"?year={year}"),
    ]
