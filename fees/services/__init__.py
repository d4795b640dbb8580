"""Writes for budgets, fee proposals, decisions, invoices and follow-up. Keyword-only, atomic,
audited; broken rules raise ValidationError with a translated message, refused actors
PermissionDenied.

One module per area, everything importable from here."""
from .budgets import (  # noqa: F401
    budget_create,
    budget_refresh_staff_costs,
    budget_update,
    followup_import,
    followup_save,
    parse_outcomes_csv,
)
from .common import (  # noqa: F401
    DEFAULT_PAYMENT_DAYS,
    ZERO,
    default_system_owner,
)
from .invoices import (  # noqa: F401
    invoice_credit,
    invoice_mark_paid,
    invoice_send,
    invoices_generate,
    invoices_mark_overdue,
    invoices_remind_overdue,
)
from .proposals import (  # noqa: F401
    parse_weights_csv,
    proposal_create,
    proposal_decide,
    proposal_import_weights,
    proposal_update,
)
