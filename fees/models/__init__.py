"""Budget, fee proposal, fee decision, invoices and follow-up (DOMAIN.md "Budget, fee and invoicing").

Money is Decimal kronor (max_digits=14, decimal_places=2). A fee share is always whole kronor.
One module per area (budgets, proposals, invoices), all importable from here."""
from .budgets import Budget, BudgetLine, Outcome  # noqa: F401
from .common import ZERO, money  # noqa: F401
from .invoices import (  # noqa: F401
    VAT_EXEMPTION_CODE,
    VAT_EXEMPTION_REASON,
    InternalSettlement,
    Invoice,
    InvoicingParty,
)
from .proposals import FeeDecision, FeeProposal, FeeShare, KeyEntry  # noqa: F401
