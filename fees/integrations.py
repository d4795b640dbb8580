"""What fees needs from the operating plan (annualplan). Fees depends on annualplan, never the
reverse. The functions answer None / False when the plan does not provide the figures."""
from __future__ import annotations

import importlib
import logging
from decimal import Decimal

log = logging.getLogger("samordna.fees")


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def staff_cost_total(year: int) -> Decimal | None:
    """Staff in shared assignments for `year`: salary × (1 + social fee rate), from the plan."""
    selectors = _module("annualplan.selectors")
    func = getattr(selectors, "staff_cost_total", None)
    if func is None:
        return None
    value = func(year)
    return None if value is None else Decimal(value)


def staff_costs_by_organisation(year: int) -> list[tuple[object, Decimal]]:
    """[(organisation, cost)] for `year`, or [] when the plan does not provide it."""
    selectors = _module("annualplan.selectors")
    func = getattr(selectors, "staff_costs_by_organisation", None)
    if func is None:
        return []
    from governance.models import Organisation

    result = func(year)
    items = list(result.items() if hasattr(result, "items") else result)
    ids = [key for key, _ in items if isinstance(key, int)]
    orgs = Organisation.objects.in_bulk(ids) if ids else {}
    rows = [(orgs.get(key, key), Decimal(cost or 0)) for key, cost in items]
    return sorted(rows, key=lambda row: (getattr(row[0], "sort_order", 0), str(row[0])))


def plan_for_year(year: int):
    """The operating plan of `year`, or None."""
    selectors = _module("annualplan.selectors")
    for name in ("plan_for_year", "plan_of_year", "plan_for", "annual_plan"):
        func = getattr(selectors, name, None)
        if func is not None:
            try:
                return func(year)
            except Exception:  # DoesNotExist and friends
                return None
    models = _module("annualplan.models")
    for name in ("AnnualPlan", "Plan", "OperatingPlan"):
        model = getattr(models, name, None)
        if model is not None:
            return model.objects.filter(year=year).first()
    return None


def mark_plan_fee_decided(*, year: int, actor) -> bool:
    """Tell the plan that its year's fee is decided. Returns whether a plan was told."""
    services = _module("annualplan.services")
    func = getattr(services, "plan_mark_fee_decided", None)
    if func is None:
        return False
    plan = plan_for_year(year)
    if plan is None:
        return False
    func(plan=plan, actor=actor)
    return True
