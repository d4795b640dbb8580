"""The budget and its follow-up: lines, the staff line from the plan, outcome and forecast per quarter."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance import concurrency, csvfiles
from governance.audit import audited_delete, audited_save
from governance.authority import require
from governance.people.models import Organisation, User

from .. import integrations
from ..models import Budget, BudgetLine, FeeDecision, Outcome
from .common import ZERO, default_system_owner


# --- Budget --------------------------------------------------------------------------------------
@transaction.atomic
def budget_create(*, year: int, actor: User, system_owner: Organisation | None = None,
                  carry_over: Decimal = ZERO, other_income: Decimal = ZERO,
                  development_funds: Decimal = ZERO, notes: str = "") -> Budget:
    """Start a year's budget. Last year's lines (other than the plan's staff costs) are copied as a
    starting point; the staff line comes from the operating plan when it provides it."""
    require(actor, "fees.create_budget", message=_("Only the sitting steering group starts a year's budget."))
    if Budget.objects.filter(year=year).exists():
        raise ValidationError(_("There is already a budget for %(year)s.") % {"year": year})
    budget = Budget(year=year, system_owner=system_owner or default_system_owner(), carry_over=carry_over,
                    other_income=other_income, development_funds=development_funds, notes=notes)
    audited_save(budget, actor=actor, reason="budget created")
    previous = Budget.objects.filter(year=year - 1).first()
    if previous:
        for line in previous.lines.filter(from_plan=False).order_by("position", "id"):
            audited_save(BudgetLine(budget=budget, category=line.category, description=line.description,
                                    amount=line.amount), actor=actor, reason="copied from last year")
    staff = integrations.staff_cost_total(year)
    if staff is not None:
        audited_save(BudgetLine(budget=budget, category=BudgetLine.Category.STAFF, amount=staff, from_plan=True,
                                description=_("From the operating plan")), actor=actor, reason="from the plan")
    return budget


@transaction.atomic
def budget_update(*, budget: Budget, actor: User, version: int | None, carry_over: Decimal,
                  other_income: Decimal, development_funds: Decimal, system_owner: Organisation,
                  notes: str = "", lines: list[dict]) -> Budget:
    """Save the budget's figures and its lines. `lines`: dicts with id (None for a new line),
    category, description, amount and delete. Lines computed from the plan are not edited here."""
    require(actor, "fees.edit_budget", budget,
            message=_("The sitting steering group prepares the budget; earlier years' budgets are closed."))
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    concurrency.check_version(budget, version)
    if system_owner is not None and system_owner.pk != budget.system_owner_id:
        require(actor, "fees.change_system_owner", budget,
                message=_("Only the steering group's chair, who carries the budget, changes the system owner."))
    if FeeDecision.objects.filter(year=budget.year, superseded_by__isnull=True).exists() and (
        budget.carry_over != carry_over or budget.other_income != other_income
    ):
        raise ValidationError(_("The fee for %(year)s is decided: its carry-over and other income can no longer "
                                "change. Prepare a correction instead.") % {"year": budget.year})
    existing = {line.pk: line for line in budget.lines.all()}
    for data in lines:
        line = existing.get(data.get("id")) if data.get("id") else None
        if line is not None and line.from_plan:
            continue
        if data.get("delete"):
            if line is not None:
                audited_delete(line, actor=actor, reason="budget line removed")
            continue
        if line is None:
            line = BudgetLine(budget=budget)
        line.category = data["category"]
        line.description = data.get("description", "")
        line.amount = data["amount"]
        audited_save(line, actor=actor, reason="budget edited")
    budget.carry_over, budget.other_income = carry_over, other_income
    budget.development_funds, budget.system_owner, budget.notes = development_funds, system_owner, notes
    budget.version += 1
    audited_save(budget, actor=actor, reason="budget edited")
    return budget


@transaction.atomic
def budget_refresh_staff_costs(*, budget: Budget, actor: User) -> BudgetLine:
    """Set the staff line from the operating plan: what the plan pays the organisations for their
    staff — its resource assignments and the year's web management roles (annualplan.selectors.
    staff_cost_total)."""
    require(actor, "fees.edit_budget", budget)
    staff = integrations.staff_cost_total(budget.year)
    if staff is None:
        raise ValidationError(_("The operating plan does not provide staff costs for %(year)s yet.")
                              % {"year": budget.year})
    line = budget.lines.filter(from_plan=True).first() or BudgetLine(
        budget=budget, category=BudgetLine.Category.STAFF, from_plan=True, description=_("From the operating plan")
    )
    line.amount = Decimal(staff).quantize(Decimal("0.01"))
    audited_save(line, actor=actor, reason="staff costs from the plan")
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    budget.version += 1
    audited_save(budget, actor=actor, reason="staff costs from the plan")
    return line



# --- Follow-up ------------------------------------------------------------------------------------
@transaction.atomic
def followup_save(*, budget: Budget, actor: User, outcomes: dict[int, dict[int, Decimal | None]],
                  forecasts: dict[int, Decimal | None]) -> None:
    """Set the outcome per line and quarter (None clears it) and each line's forecast."""
    require(actor, "fees.follow_up_budget", budget,
            message=_("The sitting steering group follows up this year's and last year's budget."))
    lines = {line.pk: line for line in budget.lines.all()}
    for line_id, quarters in outcomes.items():
        line = lines.get(line_id)
        if line is None:
            raise ValidationError(_("Unknown budget line."))
        for quarter, amount in quarters.items():
            current = Outcome.objects.filter(line=line, quarter=quarter).first()
            if amount is None:
                if current:
                    audited_delete(current, actor=actor, reason="outcome cleared")
                continue
            if current and current.amount == amount:
                continue
            outcome = current or Outcome(line=line, quarter=quarter)
            outcome.amount = amount
            audited_save(outcome, actor=actor, reason="outcome entered")
    for line_id, forecast in forecasts.items():
        line = lines.get(line_id)
        if line is not None and line.forecast != forecast:
            line.forecast = forecast
            audited_save(line, actor=actor, reason="forecast")


def parse_outcomes_csv(text: str, budget: Budget) -> dict[int, dict[int, Decimal]]:
    """Rows `category;description;quarter;amount` with a header. Every bad row is reported by its
    number; nothing is returned when one is bad."""
    lines = list(budget.lines.all())
    by_key = {(line.category, line.description.strip().lower()): line for line in lines}
    by_category: dict[str, list[BudgetLine]] = {}
    for line in lines:
        by_category.setdefault(line.category, []).append(line)
    labels = {str(label).lower(): value for value, label in BudgetLine.Category.choices}
    result: dict[int, dict[int, Decimal]] = {}
    errors = []
    seen = set()
    for number, row in csvfiles.rows(text, header=("category", "kategori")):
        if len(row) != 4:  # a fifth column is a mistake to say, not to leave out (1,5 in a comma file)
            errors.append(_("Row %(n)s: expected category, description, quarter and amount.") % {"n": number})
            continue
        category = row[0].strip().lower()
        category = labels.get(category, category)
        description = row[1].strip().lower()
        line = by_key.get((category, description))
        if line is None and not description and len(by_category.get(category, [])) == 1:
            line = by_category[category][0]
        if line is None:
            errors.append(_("Row %(n)s: no budget line “%(category)s / %(description)s”.")
                          % {"n": number, "category": row[0].strip(), "description": row[1].strip()})
            continue
        try:
            quarter = int(row[2].strip().upper().removeprefix("Q"))
        except ValueError:
            quarter = 0
        if quarter not in (1, 2, 3, 4):
            errors.append(_("Row %(n)s: the quarter must be 1, 2, 3 or 4.") % {"n": number})
            continue
        try:
            amount = csvfiles.parse_decimal(row[3])
        except csvfiles.TooManyDecimals:
            errors.append(_("Row %(n)s: “%(value)s” has more than two decimals.") % {"n": number, "value": row[3]})
            continue
        except InvalidOperation:
            errors.append(_("Row %(n)s: “%(value)s” is not an amount.") % {"n": number, "value": row[3].strip()})
            continue
        if (line.pk, quarter) in seen:
            errors.append(_("Row %(n)s: this line and quarter appear more than once.") % {"n": number})
            continue
        seen.add((line.pk, quarter))
        result.setdefault(line.pk, {})[quarter] = amount.quantize(Decimal("0.01"))
    if errors:
        raise csvfiles.refusal(errors)
    if not result:
        raise ValidationError(_("The file has no outcome rows."))
    return result


@transaction.atomic
def followup_import(*, budget: Budget, actor: User, text: str) -> int:
    require(actor, "fees.follow_up_budget", budget)
    outcomes = parse_outcomes_csv(text, budget)
    followup_save(budget=budget, actor=actor, outcomes=outcomes, forecasts={})
    return sum(len(q) for q in outcomes.values())
