"""The fee proposal, its allocation key and the county directors' decision."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from governance import concurrency, csvfiles, dates
from governance.audit import audited_delete, audited_save
from governance.authority import require, today
from governance.bodies.selectors import information_manager_of
from governance.notifications.services import notification_send
from governance.people.models import Organisation, User
from governance.people.selectors import fee_payers
from governance.texts import Text
from governance.texts import number as text_number

from .. import allocation, integrations, notifications, selectors
from ..models import Budget, FeeDecision, FeeProposal, FeeShare, KeyEntry
from ..records import register_fee_decision
from .common import ZERO


def fee_share_subject(year: int, organisation_short_name: str, amount) -> Text:
    """The notification telling an information manager their organisation's decided fee."""
    return Text(gettext_lazy("The annual fee %(year)s for %(org)s: %(amount)s kr"),
                year=year, org=organisation_short_name, amount=text_number(amount))


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
    concurrency.check_version(proposal, version)
    proposal.method, proposal.adjustment = method, adjustment
    proposal.motivation, proposal.weight_label = motivation, weight_label
    proposal.full_clean()
    if method == FeeProposal.Method.WEIGHTS:
        nothing = [o.short_name for o, w, f in entries if f is None and w is not None and w == ZERO]
        if nothing:
            raise ValidationError(
                _("A weight of 0 charges %(orgs)s nothing: give a weight above 0, or a fixed amount (0 kr if "
                  "that is meant).") % {"orgs": ", ".join(nothing)}, code="zero_weight")
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
    rows, errors, seen = [], [], set()
    for number, row in csvfiles.rows(text, header=("code", "kod", "organisation", "organisation code")):
        if len(row) != 2:  # a third column is a mistake to say, not to leave out (1,5 in a comma file)
            errors.append(_("Row %(n)s: expected an organisation code and a weight.") % {"n": number})
            continue
        code = row[0].upper()
        try:
            weight = csvfiles.parse_decimal(row[1])
        except csvfiles.TooManyDecimals:
            errors.append(_("Row %(n)s: “%(value)s” has more than two decimals.") % {"n": number, "value": row[1]})
            continue
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
        raise csvfiles.refusal(errors)
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
        reason=reason.strip() if previous else "", total=preview.total,
        decided_on=dates.decided_on(decided_on) if decided_on else today(),
        decided_by=actor,
    )
    audited_save(decision, actor=actor, reason="correction decided" if previous else "fee decided")
    bulk_create_with_history(
        [FeeShare(decision=decision, organisation=row.organisation, amount=row.share, fixed=row.fixed is not None)
         for row in preview.rows],
        FeeShare, default_user=actor, default_change_reason="fee decided",
    )
    FeeProposal.WORKFLOW.move(proposal, FeeProposal.Status.DECIDED)
    audited_save(proposal, actor=actor, reason="decided")
    register_fee_decision(decision, actor=actor)
    url = decision.get_absolute_url()
    for row in preview.rows:
        manager = information_manager_of(row.organisation)
        if manager is None:
            continue
        notification_send(
            kind=notifications.FEE_SHARE, recipient=manager, target=decision, occasion="share", url=url,
            subject=fee_share_subject(year, row.organisation.short_name, row.share),
            body=Text(gettext_lazy("The county directors' group has decided the management fee for %(year)s. "
                                   "%(org)s pays %(amount)s kr."),
                      year=year, org=row.organisation.name, amount=text_number(row.share)),
        )
    if previous is None:
        # The plan's own rules apply (it must be adopted first); its refusal undoes the decision.
        integrations.mark_plan_fee_decided(year=year, actor=actor)
    return decision
