from __future__ import annotations

from django.contrib import admin

from governance.reports.models import G7Report


@admin.register(G7Report)
class G7ReportAdmin(admin.ModelAdmin):
    """Archived reports are snapshots: read-only here; produce them in the portal or by the schedule."""

    list_display = ["__str__", "period_start", "period_end", "scheduled", "generated_at", "generated_by", "sent_at"]
    list_filter = ["scheduled", "period_end"]
    search_fields = ["period_start", "period_end"]
    list_select_related = ["generated_by"]
    readonly_fields = ["period_start", "period_end", "scheduled", "generated_at", "generated_by", "content", "pdf",
                       "sent_at"]

    def has_add_permission(self, request):
        return False
