"""Budget and fees: every URL × every demo account. Demo: this year's fee decided and invoiced,
next year's budget and proposal in preparation; the system owner is Västra Götaland (O), whose
information manager (no demo account) issues the invoices — admin does it in the matrix."""
from governance.authority import today
from tests.matrix import STATE_REFUSES, Row, everyone, only

VIEWERS = only("chair", "steering", "infochef", "director", "g7")
PREPARERS = ("chair", "steering", "infochef")  # the fee proposal: the information managers and the group
STEERING = ("chair", "steering")  # the budget and its follow-up: the sitting steering group


def _this_year():
    return {"year": today().year}


def _next_year():
    return {"year": today().year + 1}


def _draft():
    from fees.models import FeeProposal

    return {"pk": FeeProposal.objects.get(budget__year=today().year + 1, status="draft").pk}


def _decision():
    from fees.models import FeeDecision

    return {"pk": FeeDecision.objects.get(year=today().year, version=1).pk}


def _w_invoice():
    from fees.models import Invoice

    return {"pk": Invoice.objects.get(year=today().year, organisation__code="W", kind="invoice").pk}


# Another organisation's invoice is 404 (no peek); the chair (budget follow-up) sees every invoice
# but only the issuer manages them.
INVOICE_VIEW = {"*": 404, "admin": 200, "chair": 200, "infochef": 200}
INVOICE_ACTION = {"*": 404, "admin": 302, "chair": 403, "infochef": 403}

MATRIX = {
    "fees:overview": Row(expect=everyone(200)),
    "fees:budget_create": Row(expect=only(*STEERING)),
    "fees:budget_detail": Row(kwargs=_this_year, expect=VIEWERS),
    "fees:budget_edit": Row(kwargs=_next_year, expect=only(*STEERING)),
    "fees:budget_refresh_staff": Row(method="post", kwargs=_next_year, expect=only(*STEERING, status=302)),
    "fees:proposal_create": Row(outcome=STATE_REFUSES, method="post", kwargs=_next_year, expect=only(*PREPARERS, status=302)),
    "fees:followup": Row(kwargs=_this_year, expect=VIEWERS),
    "fees:followup_edit": Row(kwargs=_this_year, expect=only(*STEERING)),
    "fees:followup_import": Row(kwargs=_this_year, expect=only(*STEERING)),
    "fees:proposal_detail": Row(kwargs=_draft, expect=VIEWERS),
    "fees:proposal_edit": Row(kwargs=_draft, expect=only(*PREPARERS)),
    "fees:proposal_import_weights": Row(kwargs=_draft, expect=only(*PREPARERS)),
    # Allowed through, then refused on the page with the director's input kept (200): the demo's
    # next-year plan is still in consultation, and the fee is decided only for an adopted plan.
    "fees:proposal_decide": Row(method="post", kwargs=_draft, data=lambda: {"decided_on": today().isoformat()},
                                expect=only("director", status=200)),
    "fees:decision_detail": Row(kwargs=_decision, expect=VIEWERS),
    "fees:invoices_generate": Row(outcome=STATE_REFUSES, method="post", kwargs=_decision,
                                  data=lambda: {"issue_date": today().isoformat(), "payment_days": 30},
                                  expect=only(status=302)),
    "fees:invoice_list": Row(expect=everyone(200)),
    "fees:invoices_export_csv": Row(kwargs=_this_year, expect=only()),
    "fees:invoices_export_xlsx": Row(kwargs=_this_year, expect=only()),
    "fees:invoice_detail": Row(kwargs=_w_invoice, expect=INVOICE_VIEW),
    "fees:invoice_send": Row(outcome=STATE_REFUSES, method="post", kwargs=_w_invoice, expect=INVOICE_ACTION),
    "fees:invoice_paid": Row(method="post", kwargs=_w_invoice, data=lambda: {"paid_on": today().isoformat()},
                             expect=INVOICE_ACTION),
    "fees:invoice_credit": Row(method="post", kwargs=_w_invoice, data={"reason": "Fel belopp"},
                               expect=INVOICE_ACTION),
    # The e-invoice, the printable copy and its PDF: whoever may read the invoice.
    "fees:invoice_ubl": Row(kwargs=_w_invoice, expect=INVOICE_VIEW),
    "fees:invoice_print": Row(kwargs=_w_invoice, expect=INVOICE_VIEW),
    "fees:invoice_pdf": Row(kwargs=_w_invoice, expect=INVOICE_VIEW),
    "fees:fee_history": Row(expect=VIEWERS),
}
