"""What fees takes from the operating plan, by plain imports: fees depends on annualplan (declared
in pyproject.toml's import-linter contracts, checked in CI), never the reverse. A missing function is
an ImportError at start-up, not a silent None."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from annualplan import selectors as plan_selectors
from annualplan import services as plan_services
from annualplan.models import Plan
from governance.people.models import Organisation


def staff_cost_total(year: int) -> Decimal:
    """Staff in shared assignments for `year` (resource assignments and web roles), from the plan."""
    return Decimal(plan_selectors.staff_cost_total(year))


def staff_costs_by_organisation(year: int) -> list[tuple[Organisation, Decimal]]:
    """[(organisation, cost)] for `year`, in the organisations' order."""
    costs = plan_selectors.staff_costs_by_organisation(year)
    organisations = Organisation.objects.in_bulk(list(costs))
    rows = [(organisations[pk], Decimal(cost or 0)) for pk, cost in costs.items() if pk in organisations]
    return sorted(rows, key=lambda row: (row[0].sort_order, row[0].code))


@dataclass(frozen=True)
class PlanCosts:
    """What the year's operating plan says the budget must cover: the activities' own budgets and
    the staff compensation (the activities' resource assignments and the web management roles)."""

    plan: Plan
    activities: Decimal
    activity_staff: Decimal
    web_roles: Decimal

    @property
    def staff(self) -> Decimal:
        return self.activity_staff + self.web_roles


def plan_costs(year: int) -> PlanCosts | None:
    plan = plan_for_year(year)
    if plan is None:
        return None
    totals = plan_selectors.plan_totals(plan)
    web_roles = sum((Decimal(r.compensation) for r in plan_selectors.web_role_costs(year)), Decimal(0))
    return PlanCosts(plan, totals["budget"], totals["staff"], web_roles)


def plan_for_year(year: int) -> Plan | None:
    return plan_selectors.plan_for_year(year)


def mark_plan_fee_decided(*, year: int, actor) -> bool:
    """Tell the plan that its year's fee is decided. Returns whether a plan was told."""
    plan = plan_for_year(year)
    if plan is None:
        return False
    plan_services.plan_mark_fee_decided(plan=plan, actor=actor)
    return True
