"""The budget's, the fee's and the invoices' rules, as the governance text gives them:

- The chair of the sitting steering group carries the budget: its follow-up and forecasts, and
  who the system owner (the organisation that writes the contracts and issues the invoices) is.
- The sitting steering group prepares the budget (this year's and next year's) and follows it up.
- The information managers propose the fee (with the steering group); the county directors' group
  decides it.
- The information manager of the year's system owner issues, sends and credits the invoices.
- An invoice or credit note is read by the information manager of the organisation it is made out
  to, by the issuer's information manager and by the sitting chair (the budget's follow-up).
- The budget is read by the information managers, the steering group, the directors' group and G7.
"""
from __future__ import annotations

import rules

from governance.authority import facts, today
from governance.bodies.rules import (
    chairs_sitting_steering_group,
    sits_in_directors_group,
    sits_in_g7,
    sits_in_steering_group,
)
from governance.people.rules import is_an_information_manager


@rules.predicate
def budget_is_open(user, budget) -> bool:
    """This year's or a later year's budget: earlier years are history."""
    return budget is not None and budget.year >= today().year


@rules.predicate
def budget_in_follow_up(user, budget) -> bool:
    """Last year's budget is still followed up (the outcome comes in after the year ends)."""
    return budget is not None and budget.year >= today().year - 1


@rules.predicate
def manages_system_owner(user, budget) -> bool:
    return budget is not None and budget.system_owner_id in facts(user).info_manager_of(today())


@rules.predicate
def manages_invoiced_organisation(user, invoice) -> bool:
    return invoice is not None and invoice.organisation_id in facts(user).info_manager_of(today())


@rules.predicate
def manages_issuer(user, invoice) -> bool:
    return invoice is not None and invoice.issuer_id in facts(user).info_manager_of(today())


reads_budget = is_an_information_manager | sits_in_steering_group | sits_in_directors_group | sits_in_g7

rules.add_perm("fees.view_budget", reads_budget)
rules.add_perm("fees.create_budget", sits_in_steering_group)
rules.add_perm("fees.edit_budget", budget_is_open & sits_in_steering_group)
rules.add_perm("fees.change_system_owner", budget_is_open & chairs_sitting_steering_group)
rules.add_perm("fees.follow_up_budget", budget_in_follow_up & sits_in_steering_group)
rules.add_perm("fees.propose_fee", budget_is_open & (is_an_information_manager | sits_in_steering_group))
rules.add_perm("fees.decide_fee", sits_in_directors_group)
rules.add_perm("fees.issue_invoices", manages_system_owner)
rules.add_perm("fees.view_invoice", manages_invoiced_organisation | manages_issuer | chairs_sitting_steering_group)
rules.add_perm("fees.manage_invoice", manages_issuer)


def visible_budgets(user):
    """The budgets `fees.view_budget` allows (it depends on the reader, not the year)."""
    from .models import Budget

    qs = Budget.objects.order_by("-year")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    return qs if user.is_superuser or reads_budget(user) else qs.none()


def visible_invoices(user):
    """Exactly the invoices and credit notes `fees.view_invoice` allows `user`."""
    from django.db.models import Q

    from .models import Invoice

    qs = Invoice.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser or chairs_sitting_steering_group(user):
        return qs
    orgs = facts(user).info_manager_of(today())
    return qs.filter(Q(organisation_id__in=orgs) | Q(issuer_id__in=orgs)) if orgs else qs.none()
