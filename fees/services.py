"""Writes for budgets, fee proposals, decisions, invoices and follow-up. Keyword-only, atomic,
audited; broken rules raise ValidationError with a translated message, refused actors
PermissionDenied."""
from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from governance.audit import audited_delete, audited_save
from governance.authority import require
from governance.models import Organisation, User
from governance.selectors import fee_payers, information_manager_of, today
from governance.services import notification_send

from . import allocation, integrations, notifications, selectors
from .models import Budget, BudgetLine, FeeDecision, FeeProposal, FeeShare, Invoice, KeyEntry, Outcome

ZERO = Decimal("0")
DEFAULT_PAYMENT_DAYS = 30


def default_system_owner() -> Organisation:
    return Organisation.objects.get(code=getattr(settings, "FEES_SYSTEM_OWNER_CODE", "O"))


def _check_version(obj, version: int | None) -> None:
    if version is not None and int(version) != obj.version:
        raise ValidationError(
            _("Someone else saved this %(what)s while you were editing it. Your changes are still in the "
              "form: reload the page in another tab to see theirs, then save again.")
            % {"what": obj._meta.verbose_name}
        )


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
    _check_version(budget, version)
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


# --- Fee proposal ---------------------------------------------------------------------------------
@transaction.atomic
def proposal_create(*, budget: Budget, actor: User) -> FeeProposal:
    """A draft proposal for the budget's year. Its key starts from the year's latest proposal (a
    correction) or last year's decided key, else equal shares."""
    require(actor, "fees.propose_fee", budget)
    Budget.objects.select_for_update().filter(pk=budget.pk).first()
    if selectors.draft_proposal(budget):
        raise ValidationError(_("There is already a fee proposal in preparation for %(year)s.")
                              % {"year": budget.year})
    template = selectors.latest_proposal(budget.year)
    if template is None:
        decided = selectors.current_decision(budget.year - 1)
        template = decided.proposal if decided else None
    number = (budget.proposals.aggregate(m=Max("number"))["m"] or 0) + 1
    proposal = FeeProposal(budget=budget, number=number, created_by=actor)
    old_entries = {}
    if template is not None:
        proposal.method, proposal.weight_label = template.method, template.weight_label
        if template.budget_id == budget.pk:
            proposal.adjustment, proposal.motivation = template.adjustment, template.motivation
        old_entries = {e.organisation_id: e for e in template.key_entries.all()}
    audited_save(proposal, actor=actor, reason="proposal created")
    for org in fee_payers():
        old = old_entries.get(org.pk)
        audited_save(KeyEntry(proposal=proposal, organisation=org, weight=old.weight if old else ZERO,
                              fixed_amount=old.fixed_amount if old else None), actor=actor, reason="proposal created")
    return proposal


def _locked(proposal: FeeProposal) -> None:
    if proposal.is_locked:
        raise ValidationError(_("This fee proposal is decided and its allocation is locked. A correction is "
                                "prepared as a new proposal and decided as a new version."))


def _raise_allocation_error(exc: allocation.AllocationError):
    raise ValidationError(exc.message, code=exc.code) from exc


@transaction.atomic
def proposal_update(*, proposal: FeeProposal, actor: User, version: int | None, method: str,
                    adjustment: Decimal, motivation: str, weight_label: str,
                    entries: list[tuple[Organisation, Decimal, Decimal | None]]) -> FeeProposal:
    """Save the total's adjustment and the key. Refused when the allocation cannot be made."""
    require(actor, "fees.propose_fee", proposal.budget)
    proposal = FeeProposal.objects.select_for_update().select_related("budget").get(pk=proposal.pk)
    _locked(proposal)
    _check_version(proposal, version)
    proposal.method, proposal.adjustment = method, adjustment
    proposal.motivation, proposal.weight_label = motivation, weight_label
    proposal.full_clean()
    total = selectors.proposal_total(proposal)
    try:
        allocation.validate(
            total, [allocation.Entry(o.code, w or ZERO, f) for o, w, f in entries], method=method,
            required_codes=list(fee_payers().values_list("code", flat=True)),
        )
    except allocation.AllocationError as exc:
        _raise_allocation_error(exc)
    _save_entries(proposal, entries, actor)
    proposal.version += 1
    audited_save(proposal, actor=actor, reason="proposal edited")
    return proposal


def _save_entries(proposal, entries, actor):
    existing = {e.organisation_id: e for e in proposal.key_entries.all()}
    for org, weight, fixed in entries:
        entry = existing.pop(org.pk, None) or KeyEntry(proposal=proposal, organisation=org)
        if entry.pk and entry.weight == (weight or ZERO) and entry.fixed_amount == fixed:
            continue
        entry.weight, entry.fixed_amount = weight or ZERO, fixed
        audited_save(entry, actor=actor, reason="key edited")
    for entry in existing.values():
        audited_delete(entry, actor=actor, reason="key edited")


def parse_weights_csv(text: str) -> list[tuple[str, Decimal]]:
    """Rows `code;weight` (or comma-separated), an optional header. Raises ValidationError listing
    every bad row; nothing is used when one row is bad."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows, errors, seen = [], [], set()
    for number, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and row[0].strip().lower() in ("code", "kod", "organisation", "organisation code"):
            continue
        if len(row) < 2:
            errors.append(_("Row %(n)s: expected an organisation code and a weight.") % {"n": number})
            continue
        code, raw = row[0].strip().upper(), row[1].strip().replace(" ", "").replace(",", ".")
        try:
            weight = Decimal(raw)
        except InvalidOperation:
            errors.append(_("Row %(n)s: “%(value)s” is not a number.") % {"n": number, "value": row[1].strip()})
            continue
        if weight < 0:
            errors.append(_("Row %(n)s: the weight must not be negative.") % {"n": number})
            continue
        if code in seen:
            errors.append(_("Row %(n)s: %(code)s appears more than once.") % {"n": number, "code": code})
            continue
        seen.add(code)
        rows.append((code, weight))
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def proposal_import_weights(*, proposal: FeeProposal, actor: User, text: str) -> FeeProposal:
    """Replace the key's weights with a CSV (code;weight for every fee payer). All or nothing."""
    require(actor, "fees.propose_fee", proposal.budget)
    proposal = FeeProposal.objects.select_for_update().select_related("budget").get(pk=proposal.pk)
    _locked(proposal)
    weights = dict(parse_weights_csv(text))
    payers = {o.code: o for o in fee_payers()}
    unknown = sorted(set(weights) - set(payers))
    if unknown:
        raise ValidationError(_("Unknown organisation codes: %(codes)s.") % {"codes": ", ".join(unknown)})
    missing = [c for c in payers if c not in weights]
    if missing:
        raise ValidationError(_("The file leaves out %(codes)s: every fee payer needs a weight.")
                              % {"codes": ", ".join(missing)})
    fixed = {e.organisation_id: e.fixed_amount for e in proposal.key_entries.all()}
    entries = [(org, weights[code], fixed.get(org.pk)) for code, org in payers.items()]
    return proposal_update(proposal=proposal, actor=actor, version=proposal.version, method=FeeProposal.Method.WEIGHTS,
                           adjustment=proposal.adjustment, motivation=proposal.motivation,
                           weight_label=proposal.weight_label, entries=entries)


# --- Decision -------------------------------------------------------------------------------------
@transaction.atomic
def proposal_decide(*, proposal: FeeProposal, actor: User, decided_on: dt.date | None = None,
                    reason: str = "") -> FeeDecision:
    """The county directors' group decides the fee. Locks the proposal, records each payer's share,
    tells each information manager their organisation's share and tells the operating plan. When the
    year already has a decision this is a correction: a new version referencing it, with a reason."""
    require(actor, "fees.decide_fee", proposal.budget, message=_("The county directors' group decides the fee."))
    proposal = FeeProposal.objects.select_for_update().select_related("budget").get(pk=proposal.pk)
    _locked(proposal)
    year = proposal.budget.year
    previous = selectors.current_decision(year)
    if previous is not None and not reason.strip():
        raise ValidationError(_("The fee for %(year)s is already decided (version %(version)s). A correction "
                                "needs a reason.") % {"year": year, "version": previous.version})
    preview = selectors.proposal_preview(proposal)
    if preview.error:
        raise ValidationError(preview.error)
    decision = FeeDecision(
        year=year, version=(previous.version + 1) if previous else 1, proposal=proposal, supersedes=previous,
        reason=reason.strip() if previous else "", total=preview.total, decided_on=decided_on or today(),
        decided_by=actor,
    )
    audited_save(decision, actor=actor, reason="correction decided" if previous else "fee decided")
    bulk_create_with_history(
        [FeeShare(decision=decision, organisation=row.organisation, amount=row.share, fixed=row.fixed is not None)
         for row in preview.rows],
        FeeShare, default_user=actor, default_change_reason="fee decided",
    )
    proposal.status = FeeProposal.Status.DECIDED
    audited_save(proposal, actor=actor, reason="decided")
    url = decision.get_absolute_url()
    for row in preview.rows:
        manager = information_manager_of(row.organisation)
        if manager is None:
            continue
        notification_send(
            kind=notifications.FEE_SHARE, recipient=manager, target=decision, occasion="share", url=url,
            subject=_("The annual fee %(year)s for %(org)s: %(amount)s kr") % {
                "year": year, "org": row.organisation.short_name, "amount": f"{row.share:,.0f}".replace(",", " ")},
            body=_("The county directors' group has decided the management fee for %(year)s. %(org)s pays "
                   "%(amount)s kr.") % {"year": year, "org": row.organisation.name,
                                        "amount": f"{row.share:,.0f}".replace(",", " ")},
        )
    if previous is None:
        # The plan's own rules apply (it must be adopted first); its refusal undoes the decision.
        integrations.mark_plan_fee_decided(year=year, actor=actor)
    return decision


# --- Invoices -------------------------------------------------------------------------------------
def _next_sequence(year: int) -> int:
    return (Invoice.objects.filter(year=year).aggregate(m=Max("sequence"))["m"] or 0) + 1


def _new_invoice(**fields) -> Invoice:
    seq = _next_sequence(fields["year"])
    return Invoice(sequence=seq, number=f"{fields['year']}-{seq:03d}", **fields)


@transaction.atomic
def invoices_generate(*, decision: FeeDecision, actor: User, issue_date: dt.date | None = None,
                      payment_days: int = DEFAULT_PAYMENT_DAYS) -> list[Invoice]:
    """One invoice per payer with a share above zero, as drafts, numbered in the year's series. For a
    correction, the earlier decision's invoices are credited first."""
    budget = Budget.objects.select_for_update().select_related("system_owner").get(year=decision.year)
    require(actor, "fees.issue_invoices", budget)
    if FeeDecision.objects.filter(supersedes=decision).exists():
        raise ValidationError(_("This decision has been corrected: invoice the latest version instead."))
    if decision.invoices.exists():
        raise ValidationError(_("Invoices for this decision have already been created."))
    issue_date = issue_date or today()
    created = []
    for old in Invoice.objects.filter(year=decision.year, kind=Invoice.Kind.INVOICE).exclude(
        status=Invoice.Status.CREDITED
    ).exclude(decision=decision):
        invoice_credit(invoice=old, actor=actor,
                       reason=_("Replaced by the corrected fee decision, version %(v)s.") % {"v": decision.version},
                       check=False)
    for share in FeeShare.objects.filter(decision=decision).select_related("organisation").order_by(
        "organisation__sort_order", "organisation__code"
    ):
        if share.amount <= 0:
            continue
        invoice = _new_invoice(
            year=decision.year, decision=decision, organisation=share.organisation, issuer=budget.system_owner,
            amount=share.amount, issue_date=issue_date, due_date=issue_date + dt.timedelta(days=payment_days),
            reference=_("Management fee %(year)s, %(org)s") % {"year": decision.year, "org": share.organisation.short_name},
        )
        audited_save(invoice, actor=actor, reason="invoice generated")
        created.append(invoice)
    return created


def _lock_invoice(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().select_related("organisation").get(pk=invoice.pk)


@transaction.atomic
def invoice_send(*, invoice: Invoice, actor: User, on: dt.date | None = None) -> Invoice:
    require(actor, "fees.manage_invoice", invoice)
    invoice = _lock_invoice(invoice)
    if invoice.status != Invoice.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent; this invoice is “%(status)s”.")
                              % {"status": invoice.get_status_display()})
    invoice.status, invoice.sent_on = Invoice.Status.SENT, on or today()
    return audited_save(invoice, actor=actor, reason="sent")


@transaction.atomic
def invoice_mark_paid(*, invoice: Invoice, actor: User, paid_on: dt.date | None = None) -> Invoice:
    require(actor, "fees.manage_invoice", invoice)
    invoice = _lock_invoice(invoice)
    if invoice.kind != Invoice.Kind.INVOICE or invoice.status not in Invoice.OPEN_STATUSES:
        raise ValidationError(_("Only a sent or overdue invoice can be marked as paid; this one is “%(status)s”.")
                              % {"status": invoice.get_status_display()})
    invoice.status, invoice.paid_on = Invoice.Status.PAID, paid_on or today()
    return audited_save(invoice, actor=actor, reason="paid")


@transaction.atomic
def invoice_credit(*, invoice: Invoice, actor: User, reason: str, check: bool = True) -> Invoice:
    """Cancel an invoice with a credit note for the whole amount (invoices are never deleted).
    Returns the credit note."""
    if check:
        require(actor, "fees.manage_invoice", invoice)
    invoice = _lock_invoice(invoice)
    if not reason.strip():
        raise ValidationError(_("A credit note needs a reason."))
    if invoice.kind != Invoice.Kind.INVOICE or invoice.status == Invoice.Status.CREDITED:
        raise ValidationError(_("This invoice is already credited (or is itself a credit note)."))
    note = _new_invoice(
        year=invoice.year, kind=Invoice.Kind.CREDIT_NOTE, decision=invoice.decision, organisation=invoice.organisation,
        issuer=invoice.issuer, amount=-invoice.amount, issue_date=today(), due_date=today(),
        reference=_("Credit note for invoice %(number)s") % {"number": invoice.number}, credits=invoice,
        credit_reason=reason.strip(), status=Invoice.Status.SENT, sent_on=today(),
    )
    audited_save(note, actor=actor, reason="credit note")
    invoice.status = Invoice.Status.CREDITED
    audited_save(invoice, actor=actor, reason="credited")
    return note


@transaction.atomic
def invoices_mark_overdue(*, on: dt.date | None = None, actor: User | None = None) -> list[Invoice]:
    """Flag sent invoices past their due date as overdue. Safe to run twice."""
    day = on or today()
    flagged = []
    for invoice in Invoice.objects.select_for_update().filter(
        kind=Invoice.Kind.INVOICE, status=Invoice.Status.SENT, due_date__lt=day
    ):
        invoice.status = Invoice.Status.OVERDUE
        audited_save(invoice, actor=actor, reason="overdue")
        flagged.append(invoice)
    return flagged


@transaction.atomic
def invoices_remind_overdue(*, on: dt.date | None = None) -> int:
    """Flag overdue invoices and remind each organisation's information manager, at most once per
    invoice and week (notification_send's unique key makes a re-run send nothing new)."""
    day = on or today()
    invoices_mark_overdue(on=day)
    iso = day.isocalendar()
    sent = 0
    for invoice in selectors.overdue_invoices(on=day):
        manager = information_manager_of(invoice.organisation, on=day)
        if manager is None:
            continue
        _notification, created = notification_send(
            kind=notifications.INVOICE_OVERDUE, recipient=manager, target=invoice,
            occasion=f"overdue-{iso.year}-W{iso.week:02d}", url=reverse("fees:invoice_detail", args=[invoice.pk]),
            subject=_("Invoice %(number)s is overdue") % {"number": invoice.number},
            body=_("Invoice %(number)s (%(amount)s kr, %(reference)s) was due on %(due)s and is not paid.")
            % {"number": invoice.number, "amount": f"{invoice.amount:,.0f}".replace(",", " "),
               "reference": invoice.reference, "due": invoice.due_date.isoformat()},
        )
        sent += created
    return sent


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
    sample = text[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines = list(budget.lines.all())
    by_key = {(line.category, line.description.strip().lower()): line for line in lines}
    by_category: dict[str, list[BudgetLine]] = {}
    for line in lines:
        by_category.setdefault(line.category, []).append(line)
    labels = {str(label).lower(): value for value, label in BudgetLine.Category.choices}
    result: dict[int, dict[int, Decimal]] = {}
    errors = []
    seen = set()
    for number, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and row[0].strip().lower() in ("category", "kategori"):
            continue
        if len(row) < 4:
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
            amount = Decimal(row[3].strip().replace(" ", "").replace("\xa0", "").replace(",", "."))
        except InvalidOperation:
            errors.append(_("Row %(n)s: “%(value)s” is not an amount.") % {"n": number, "value": row[3].strip()})
            continue
        if (line.pk, quarter) in seen:
            errors.append(_("Row %(n)s: this line and quarter appear more than once.") % {"n": number})
            continue
        seen.add((line.pk, quarter))
        result.setdefault(line.pk, {})[quarter] = amount.quantize(Decimal("0.01"))
    if errors:
        raise ValidationError(errors)
    if not result:
        raise ValidationError(_("The file has no outcome rows."))
    return result


@transaction.atomic
def followup_import(*, budget: Budget, actor: User, text: str) -> int:
    require(actor, "fees.follow_up_budget", budget)
    outcomes = parse_outcomes_csv(text, budget)
    followup_save(budget=budget, actor=actor, outcomes=outcomes, forecasts={})
    return sum(len(q) for q in outcomes.values())
