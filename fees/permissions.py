"""Who may do what with budgets, fees and invoices — derived from memberships by `sync`.

- view_budget: information managers, this year's steering group, the county directors' group, G7.
- prepare_fee: information managers and this year's steering group (budget and fee proposal).
- decide_fee: members of the county directors' group (Länsrådsgruppen).
- issue_invoices: the information manager of the year's system owner (the issuer).
- view_invoice: the information manager of the invoiced organisation (never another
  organisation's), the issuer's information manager, and this year's steering-group chair, who is
  responsible for the budget's follow-up.
- manage_invoice: the issuer's information manager.
Superusers (admin) may do everything."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q
from guardian.shortcuts import get_objects_for_user

from governance.backends import object_perms
from governance.models import Body, Membership
from governance.permissions import Row, sync_object_permissions

from .models import Budget, Invoice

BUDGET_CODENAMES = ["view_budget", "prepare_fee", "decide_fee", "issue_invoices"]
INVOICE_CODENAMES = ["view_invoice", "manage_invoice"]


def sync(*, on: dt.date) -> None:
    active = Membership.objects.active_on(on)
    info_managers = {
        org_id: user_id
        for user_id, org_id in active.filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK).values_list(
            "user_id", "organisation_id"
        )
    }
    steering = active.filter(body__kind=Body.Kind.STEERING_GROUP, body__year=on.year)
    steering_ids = set(steering.values_list("user_id", flat=True))
    chair_ids = set(steering.filter(position=Membership.Position.CHAIR).values_list("user_id", flat=True))
    directors = set(active.filter(body__kind=Body.Kind.DIRECTORS_GROUP).values_list("user_id", flat=True))
    g7 = set(active.filter(body__kind=Body.Kind.G7).values_list("user_id", flat=True))

    preparers = set(info_managers.values()) | steering_ids
    viewers = preparers | directors | g7
    budget_rows: set[Row] = set()
    for budget_id, owner_id in Budget.objects.values_list("pk", "system_owner_id"):
        budget_rows |= {(u, "view_budget", budget_id) for u in viewers}
        budget_rows |= {(u, "prepare_fee", budget_id) for u in preparers}
        budget_rows |= {(u, "decide_fee", budget_id) for u in directors}
        if owner_id in info_managers:
            budget_rows.add((info_managers[owner_id], "issue_invoices", budget_id))
    sync_object_permissions(Budget, BUDGET_CODENAMES, budget_rows)

    invoice_rows: set[Row] = set()
    for invoice_id, org_id, issuer_id in Invoice.objects.values_list("pk", "organisation_id", "issuer_id"):
        if org_id in info_managers:
            invoice_rows.add((info_managers[org_id], "view_invoice", invoice_id))
        if issuer_id in info_managers:
            invoice_rows.add((info_managers[issuer_id], "view_invoice", invoice_id))
            invoice_rows.add((info_managers[issuer_id], "manage_invoice", invoice_id))
        invoice_rows |= {(u, "view_invoice", invoice_id) for u in chair_ids}
    sync_object_permissions(Invoice, INVOICE_CODENAMES, invoice_rows)


def _has(user, perm: str, obj) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.has_perm(perm, obj)))


def budget_capabilities(user, budget: Budget) -> frozenset[str]:
    """Every budget permission `user` holds on `budget` (view_budget, prepare_fee, decide_fee,
    issue_invoices), from one look at guardian's answer: a page that asks several questions asks
    once. Superusers hold all, inactive users none."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(BUDGET_CODENAMES)
    return object_perms(user, budget) & frozenset(BUDGET_CODENAMES)


def can_view_budget(user, budget: Budget) -> bool:
    return "view_budget" in budget_capabilities(user, budget)


def can_prepare_fee(user, budget: Budget) -> bool:
    return "prepare_fee" in budget_capabilities(user, budget)


def can_decide_fee(user, budget: Budget) -> bool:
    return "decide_fee" in budget_capabilities(user, budget)


def can_issue_invoices(user, budget: Budget) -> bool:
    return "issue_invoices" in budget_capabilities(user, budget)


def can_view_invoice(user, invoice: Invoice) -> bool:
    return _has(user, "fees.view_invoice", invoice)


def can_manage_invoice(user, invoice: Invoice) -> bool:
    return _has(user, "fees.manage_invoice", invoice)


def can_create_budget(user, *, on: dt.date) -> bool:
    """Before a year's budget exists there is no object to hold a permission: information managers
    and this year's steering group may start one."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.active_on(on).filter(
        Q(body__kind=Body.Kind.INFO_MANAGERS_NETWORK) | Q(body__kind=Body.Kind.STEERING_GROUP, body__year=on.year),
        user=user,
    ).exists()


def visible_budgets(user):
    return get_objects_for_user(user, "fees.view_budget", Budget, accept_global_perms=False)


def visible_invoices(user):
    return get_objects_for_user(user, "fees.view_invoice", Invoice, accept_global_perms=False)
