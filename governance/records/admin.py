"""The register in the admin: read only (a decision is never edited; a correction is a new one)."""
from django.contrib import admin

from governance.admin_base import AuditedAdmin
from governance.records.models import Decision


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    list_display = ["number", "decided_on", "kind", "body"]
    list_filter = ["kind", "year"]
    search_fields = ["number", "text", "grounds", "dissent"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
