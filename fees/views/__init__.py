"""Thin views: permission first, one service call per POST, ValidationError shown on the form.

One module per area, everything importable from here."""
from .budgets import (  # noqa: F401
    budget_create,
    budget_detail,
    budget_edit,
    budget_refresh_staff,
    fee_history,
    followup,
    followup_edit,
    followup_import,
    overview,
)
from .invoices import (  # noqa: F401
    decision_detail,
    invoice_credit,
    invoice_detail,
    invoice_list,
    invoice_paid,
    invoice_pdf,
    invoice_print,
    invoice_send,
    invoice_ubl,
    invoices_export_csv,
    invoices_export_xlsx,
    invoices_generate,
)
from .proposals import (  # noqa: F401
    proposal_create,
    proposal_decide,
    proposal_detail,
    proposal_edit,
    proposal_import_weights,
)
