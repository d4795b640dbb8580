from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.admin_base import AuditedAdmin

from .identifiers import format_bankgiro, format_organisation_number
from .models import (
    Budget,
    BudgetLine,
    FeeDecision,
    FeeProposal,
    FeeShare,
    InternalSettlement,
    Invoice,
    InvoicingParty,
    KeyEntry,
    Outcome,
)


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["category", "description", "amount", "from_plan", "forecast"]


@admin.register(Budget)
class BudgetAdmin(AuditedAdmin):
    list_display = ["year", "system_owner", "carry_over", "other_income", "development_funds"]
    list_filter = ["system_owner"]
    search_fields = ["year", "notes"]
    inlines = [BudgetLineInline]


@admin.register(BudgetLine)
class BudgetLineAdmin(AuditedAdmin):
    list_display = ["budget", "category", "description", "amount", "from_plan", "forecast"]
    list_filter = ["budget__year", "category", "from_plan"]
    search_fields = ["description"]


@admin.register(Outcome)
class OutcomeAdmin(AuditedAdmin):
    list_display = ["line", "quarter", "amount"]
    list_filter = ["line__budget__year", "quarter"]
    search_fields = ["line__description"]


class KeyEntryInline(admin.TabularInline):
    model = KeyEntry
    extra = 0


@admin.register(FeeProposal)
class FeeProposalAdmin(AuditedAdmin):
    list_display = ["__str__", "status", "method", "adjustment", "updated_at"]
    list_filter = ["status", "method", "budget__year"]
    search_fields = ["motivation", "weight_label"]
    inlines = [KeyEntryInline]


@admin.register(KeyEntry)
class KeyEntryAdmin(AuditedAdmin):
    list_display = ["proposal", "organisation", "weight", "fixed_amount"]
    list_filter = ["proposal__budget__year"]
    search_fields = ["organisation__code", "organisation__name"]


class FeeShareInline(admin.TabularInline):
    model = FeeShare
    extra = 0
    can_delete = False
    readonly_fields = ["organisation", "amount", "fixed"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FeeDecision)
class FeeDecisionAdmin(AuditedAdmin):
    list_display = ["year", "version", "total", "decided_on", "decided_by", "supersedes"]
    list_filter = ["year"]
    search_fields = ["reason"]
    inlines = [FeeShareInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeeShare)
class FeeShareAdmin(admin.ModelAdmin):
    list_display = ["decision", "organisation", "amount", "fixed"]
    list_filter = ["decision__year"]
    search_fields = ["organisation__code", "organisation__name"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(AuditedAdmin):
    """Invoices are never deleted: a credit note cancels one (the portal's invoice page)."""

    list_display = ["number", "kind", "organisation", "amount", "due_date", "status"]
    list_filter = ["year", "kind", "status", "organisation"]
    search_fields = ["number", "reference", "organisation__name"]
    list_select_related = ["organisation"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InvoicingParty)
class InvoicingPartyAdmin(AuditedAdmin):
    """The details a real invoice needs, per organisation: fill them in before the first invoicing
    (README, "Invoicing"). Sent invoices keep the details they were sent with."""

    list_display = ["organisation", "organisation_number_display", "buyer_reference", "city", "bankgiro_display",
                    "number_source"]
    search_fields = ["organisation__code", "organisation__name", "organisation_number", "buyer_reference"]
    list_select_related = ["organisation"]
    fieldsets = [
        (None, {"fields": ["organisation", "legal_name", "organisation_number", "number_source"]}),
        (_("Address"), {"fields": ["street", "additional_street", "postal_code", "city", "country",
                                   "contact_email"]}),
        (_("As the customer"), {"fields": ["buyer_reference"]}),
        (_("As the issuer (the year's system owner)"), {"fields": ["bankgiro", "payment_days", "vat_category",
                                                                  "vat_exemption_code", "vat_exemption_reason"]}),
    ]

    @admin.display(description=_("organisation number"), ordering="organisation_number")
    def organisation_number_display(self, obj):
        return format_organisation_number(obj.organisation_number)

    @admin.display(description=_("bankgiro"))
    def bankgiro_display(self, obj):
        return format_bankgiro(obj.bankgiro)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InternalSettlement)
class InternalSettlementAdmin(AuditedAdmin):
    """Recorded when the invoices are created: the system owner's own share, never invoiced."""

    list_display = ["decision", "organisation", "amount", "recorded_on"]
    list_filter = ["decision__year"]
    readonly_fields = ["decision", "organisation", "amount", "recorded_on"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
