"""Demo data for budgets and fees: 2025 and this year's fee decided and invoiced (most paid, one
overdue), next year's budget and fee proposal in preparation. A year with an operating plan takes
its staff line from the plan (so annualplan and webadmin are seeded first). Idempotent (natural
keys)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from governance.bodies.selectors import information_manager_of
from governance.demo import DemoContext
from governance.notifications.services import notification_send
from governance.people.models import Organisation, User
from governance.people.selectors import fee_payers

from . import integrations, notifications, selectors
from .models import Budget, BudgetLine, FeeDecision, FeeProposal, FeeShare, Invoice, KeyEntry, Outcome
from .records import register_fee_decision

# Staff numbers per organisation (the weights); Vattenmyndigheterna pays a fixed amount.
STAFF = {
    "AB": 1150, "C": 310, "D": 260, "E": 340, "F": 320, "G": 210, "H": 250, "I": 150, "K": 190, "M": 720,
    "N": 230, "O": 980, "S": 240, "T": 270, "U": 230, "W": 270, "X": 240, "Y": 230, "Z": 190, "AC": 280,
    "BD": 290,
}
FIXED_VM = {-1: Decimal(55000), 0: Decimal(60000), 1: Decimal(62000)}  # by year relative to this year
LINES = [  # category, description, amount in the base year (2026)
    (BudgetLine.Category.STAFF, "Webbutvecklingsledare och redaktör (andel av lön + sociala avgifter)", 1850000),
    (BudgetLine.Category.COMPENSATION, "Ersättning till ordförandens länsstyrelse", 240000),
    (BudgetLine.Category.TRAVEL, "Resor i gemensamma uppdrag", 120000),
    (BudgetLine.Category.CONSULTANTS, "Löpande utveckling, uppdateringar och support", 900000),
    (BudgetLine.Category.SUPPORT, "Supportavtal webbplattformen", 380000),
    (BudgetLine.Category.LICENCES, "Licenser publiceringssystem", 460000),
    (BudgetLine.Category.HARDWARE, "Servrar och drift via IT-enheten", 150000),
    (BudgetLine.Category.TRAINING, "Klarspråk och tillgänglighet", 90000),
    (BudgetLine.Category.OTHER, "Informatörskonferensen", 60000),
]
FACTOR = {-1: Decimal("0.95"), 0: Decimal("1"), 1: Decimal("1.04")}
PLAN_STAFF_DESCRIPTION = "Från verksamhetsplanen"
OVERDUE_CODE = "W"


def _budget(ctx: DemoContext, year: int, factor: Decimal, *, staff_from_plan: bool = False) -> Budget:
    budget, _ = Budget.objects.update_or_create(
        year=year,
        defaults={"system_owner": ctx.org("O"), "carry_over": Decimal(150000),
                  "other_income": Decimal(50000), "development_funds": Decimal(400000),
                  "notes": ""},
    )
    for category, description, amount in LINES:
        if staff_from_plan and category == BudgetLine.Category.STAFF:
            continue
        BudgetLine.objects.update_or_create(
            budget=budget, category=category, description=description,
            defaults={"amount": (Decimal(amount) * factor).quantize(Decimal("1"))},
        )
    if staff_from_plan:
        _staff_from_plan(budget)
    return budget


def _has_plan(year: int) -> bool:
    return integrations.plan_for_year(year) is not None and integrations.staff_cost_total(year) is not None


def _staff_from_plan(budget: Budget) -> None:
    """The staff line of a year with an operating plan, as services.budget_refresh_staff_costs sets
    it: the staff compensation of the plan's activities and of the web management roles (annualplan
    and webadmin are seeded before fees). It replaces a typed staff line (a database seeded before
    the line came from the plan)."""
    staff = integrations.staff_cost_total(budget.year)
    BudgetLine.objects.filter(budget=budget, category=BudgetLine.Category.STAFF, from_plan=False).delete()
    BudgetLine.objects.update_or_create(
        budget=budget, from_plan=True,
        defaults={"category": BudgetLine.Category.STAFF, "description": PLAN_STAFF_DESCRIPTION,
                  "amount": Decimal(staff).quantize(Decimal("0.01"))},
    )


def _proposal(budget: Budget, creator: User, status: str, fixed_vm: Decimal) -> FeeProposal:
    proposal, _ = FeeProposal.objects.update_or_create(
        budget=budget, number=1,
        defaults={"status": status, "method": FeeProposal.Method.WEIGHTS, "weight_label": "Antal anställda",
                  "adjustment": Decimal(0), "motivation": "", "created_by": creator},
    )
    for org in fee_payers():
        fixed = fixed_vm if org.code == "VM" else None
        KeyEntry.objects.update_or_create(
            proposal=proposal, organisation=org,
            defaults={"weight": Decimal(STAFF.get(org.code, 0)), "fixed_amount": fixed},
        )
    return proposal


def _decide(proposal: FeeProposal, director: User, decided_on: dt.date) -> FeeDecision:
    preview = selectors.proposal_preview(proposal)
    if preview.error:
        raise RuntimeError(preview.error)
    decision, _ = FeeDecision.objects.update_or_create(
        year=proposal.budget.year, version=1,
        defaults={"proposal": proposal, "total": preview.total, "decided_on": decided_on, "decided_by": director},
    )
    for row in preview.rows:
        FeeShare.objects.update_or_create(decision=decision, organisation=row.organisation,
                                          defaults={"amount": row.share, "fixed": row.fixed is not None})
    register_fee_decision(decision, actor=director)
    return decision


def _reference(year: int, short_name: str) -> dict:
    """An invoice's reference as the services store it (governance.texts)."""
    from governance.texts import encode, in_default_language

    from .services.invoices import fee_reference

    text = fee_reference(year, short_name)
    return {"reference": in_default_language(text)[:200], "reference_message": encode(text)}


# The demo's invoicing details (fees.reference keeps only confirmed organisation numbers): made-up
# numbers, addresses, buyer references and bankgiro, each marked DEMO. A demo organisation number is
# 000000-NNNC (C the Luhn check digit): "month 00" is no date, so no real organisation has one.
DEMO_SOURCE = "DEMO – påhittat nummer för demonstrationen (000000-…: inget verkligt organisationsnummer)"
DEMO_BANKGIRO = "50501055"  # Bankgirot's example number in its manuals, never a real payee here
CITIES = {
    "AB": "Stockholm", "C": "Uppsala", "D": "Nyköping", "E": "Linköping", "F": "Jönköping", "G": "Växjö",
    "H": "Kalmar", "I": "Visby", "K": "Karlskrona", "M": "Malmö", "N": "Halmstad", "O": "Göteborg",
    "S": "Karlstad", "T": "Örebro", "U": "Västerås", "W": "Falun", "X": "Gävle", "Y": "Härnösand",
    "Z": "Östersund", "AC": "Umeå", "BD": "Luleå", "VM": "Härnösand",
}
CORRECTED_CODE = "I"  # this year's invoice to Gotland is credited and issued again (a credit note in the demo)
CREDIT_REASON = "Fel mottagande enhet angiven på fakturan; ersätts av faktura %(number)s."


def demo_organisation_number(n: int) -> str:
    from .identifiers import luhn_digit

    base = f"000000{n:03d}"
    return base + str(luhn_digit(base))


def demo_parties() -> None:
    """Every county board's and Vattenmyndigheterna's invoicing details, made up where none are kept
    (a confirmed organisation number stays); the system owner's bankgiro. Idempotent."""
    from .models import InvoicingParty

    for n, org in enumerate(Organisation.objects.filter(kind__in=["county_board", "water_authority"])
                            .order_by("sort_order", "code"), start=1):
        party, _ = InvoicingParty.objects.get_or_create(organisation=org)
        if not party.organisation_number or party.number_source.startswith("DEMO"):
            party.organisation_number, party.number_source = demo_organisation_number(n), DEMO_SOURCE
        defaults = {
            "street": f"Demogatan {n} (DEMO)", "postal_code": f"{100 + 37 * n % 880:03d} {10 + n:02d}",
            "city": CITIES.get(org.code, "Stockholm"), "buyer_reference": f"DEMO-{org.code}",
            "contact_email": f"faktura-{org.code.lower()}@samordna.example",
        }
        for field, value in defaults.items():
            if not getattr(party, field):
                setattr(party, field, value)
        if org.code == "O" and not party.bankgiro:  # the demo's system owner
            party.bankgiro = DEMO_BANKGIRO
        party.save()


def _invoice(decision: FeeDecision, budget: Budget, *, today: dt.date, overdue_code: str | None,
             corrected_code: str | None = None) -> None:
    """The year's invoices, one per payer but the system owner (whose own share is settled
    internally); with `corrected_code`, that payer's invoice credited and issued again."""
    from .invoicing import snapshot
    from .models import InternalSettlement

    year = decision.year
    issue = dt.date(year, 1, 15)
    owner = budget.system_owner
    numbers = []
    seq = 0
    corrected = None
    for share in decision.shares.select_related("organisation").order_by(
            "organisation__sort_order", "organisation__code"):
        if share.organisation_id == owner.pk:
            InternalSettlement.objects.update_or_create(
                decision=decision, defaults={"organisation": owner, "amount": share.amount, "recorded_on": issue})
            continue
        seq += 1
        due = issue + dt.timedelta(days=30)
        overdue = share.organisation.code == overdue_code and due < today
        number = f"{year}-{seq:03d}"
        invoice, _ = Invoice.objects.update_or_create(
            number=number,
            defaults={
                "year": year, "sequence": seq, "kind": Invoice.Kind.INVOICE, "decision": decision, "credits": None,
                "organisation": share.organisation, "issuer": owner, "amount": share.amount,
                "issue_date": issue, "due_date": due,
                **_reference(year, share.organisation.short_name),
                "credit_reason": "", "credit_reason_message": None,
                "status": Invoice.Status.OVERDUE if overdue else Invoice.Status.PAID,
                "sent_on": issue, "paid_on": None if overdue else due - dt.timedelta(days=(seq * 3) % 20),
            },
        )
        Invoice.objects.filter(pk=invoice.pk).update(parties=snapshot(invoice))
        numbers.append(number)
        if share.organisation.code == corrected_code:
            corrected = invoice
    if corrected is not None:
        _credit_and_reissue(corrected, numbers)
    # A database seeded before the system owner stopped invoicing itself has invoices it no longer
    # has (the one to the owner, and the last number): they go, with any credit note of theirs.
    stale = Invoice.objects.filter(year=year, issue_date=issue, kind=Invoice.Kind.INVOICE).exclude(number__in=numbers)
    Invoice.objects.filter(credits__in=stale).delete()
    stale.delete()


def _credit_and_reissue(invoice: Invoice, numbers: list[str]) -> None:
    """The invoice credited in full by a credit note (to the parties it was sent to) and issued again."""
    from django.utils.translation import gettext_lazy

    from governance.texts import Text, encode, in_default_language

    from .invoicing import snapshot

    year, day = invoice.year, invoice.issue_date + dt.timedelta(days=5)
    note_seq, again_seq = len(numbers) + 1, len(numbers) + 2
    note_number, again_number = f"{year}-{note_seq:03d}", f"{year}-{again_seq:03d}"
    again, _ = Invoice.objects.update_or_create(
        number=again_number,
        defaults={
            "year": year, "sequence": again_seq, "kind": Invoice.Kind.INVOICE, "decision": invoice.decision,
            "credits": None, "organisation": invoice.organisation, "issuer": invoice.issuer, "amount": invoice.amount,
            "issue_date": day, "due_date": day + dt.timedelta(days=30),
            **_reference(year, invoice.organisation.short_name), "credit_reason": "", "credit_reason_message": None,
            "status": Invoice.Status.PAID, "sent_on": day, "paid_on": day + dt.timedelta(days=21),
        },
    )
    note_reference = Text(gettext_lazy("Credit note for invoice %(number)s"), number=invoice.number)
    Invoice.objects.update_or_create(
        number=note_number,
        defaults={
            "year": year, "sequence": note_seq, "kind": Invoice.Kind.CREDIT_NOTE, "decision": invoice.decision,
            "credits": invoice, "organisation": invoice.organisation, "issuer": invoice.issuer,
            "amount": -invoice.amount, "issue_date": day, "due_date": day,
            "reference": in_default_language(note_reference)[:200], "reference_message": encode(note_reference),
            "credit_reason": CREDIT_REASON % {"number": again_number}, "credit_reason_message": None,
            "status": Invoice.Status.SENT, "sent_on": day, "paid_on": None, "parties": invoice.parties,
        },
    )
    Invoice.objects.filter(pk=invoice.pk).update(status=Invoice.Status.CREDITED, paid_on=None)
    Invoice.objects.filter(pk=again.pk).update(parties=snapshot(again))
    numbers += [note_number, again_number]


def seed(ctx: DemoContext) -> None:
    year = ctx.year
    chair = User.objects.get(username="chair")
    director = User.objects.get(username="director")

    demo_parties()
    for y in (year - 1, year):
        budget = _budget(ctx, y, FACTOR[y - year], staff_from_plan=_has_plan(y))
        proposal = _proposal(budget, chair, FeeProposal.Status.DECIDED, FIXED_VM[y - year])
        decision = _decide(proposal, director, dt.date(y - 1, 11, 20))
        _invoice(decision, budget, today=ctx.today, overdue_code=OVERDUE_CODE if y == year else None,
                 corrected_code=CORRECTED_CODE if y == year else None)

    # This year's follow-up: outcomes for the quarters that have passed, and a forecast.
    this = Budget.objects.get(year=year)
    quarters_done = (ctx.today.month - 1) // 3
    for i, line in enumerate(this.lines.order_by("position", "id")):
        for q in range(1, quarters_done + 1):
            share = Decimal("0.25") + Decimal((i + q) % 5 - 2) / 100
            Outcome.objects.update_or_create(line=line, quarter=q,
                                             defaults={"amount": (line.amount * share).quantize(Decimal("1"))})
        BudgetLine.objects.filter(pk=line.pk).update(
            forecast=(line.amount * (Decimal("0.97") + Decimal(i % 4) / 50)).quantize(Decimal("1"))
        )

    # Next year: the budget and the fee proposal in preparation.
    nxt = _budget(ctx, year + 1, FACTOR[1], staff_from_plan=_has_plan(year + 1))
    _proposal(nxt, chair, FeeProposal.Status.DRAFT, FIXED_VM[1])

    # Each information manager has been told this year's share (idempotent: the unique key).
    from .services.proposals import fee_share_subject

    decision = FeeDecision.objects.get(year=year, version=1)
    for share in decision.shares.select_related("organisation"):
        manager = information_manager_of(share.organisation, on=ctx.today)
        if manager is not None:
            notification_send(
                kind=notifications.FEE_SHARE, recipient=manager, target=decision, occasion="share",
                url=decision.get_absolute_url(),
                subject=fee_share_subject(year, share.organisation.short_name, share.amount),
            )


def remind_overdue(*, today) -> int:
    """The overdue-invoice scan, as the demo runs every app's scans (settings.DEMO_SCANS)."""
    from .services import invoices_remind_overdue

    return invoices_remind_overdue(on=today)
