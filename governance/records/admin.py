"""The register in the admin: read only (a decision is never edited; a correction is a new one)."""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.admin_base import AuditedAdmin
from governance.records.models import (
    Archivist,
    CullingItem,
    CullingList,
    Decision,
    RetentionClass,
    RetentionRule,
)
from governance.retention import record_kinds


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


# --- Retention and culling -------------------------------------------------------------------------------
@admin.register(RetentionClass)
class RetentionClassAdmin(AuditedAdmin):
    list_display = ["name", "years", "decision"]
    search_fields = ["name", "name_en", "decision"]


class RetentionRuleForm(forms.ModelForm):
    """The kind is chosen from the kinds of record the portal declares (governance.retention); a
    kind kept for ever by law cannot be given a class."""

    kind = forms.ChoiceField(label=_("kind of record"))

    class Meta:
        model = RetentionRule
        fields = ["kind", "retention_class"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in record_kinds().values() if not k.permanent]


@admin.register(RetentionRule)
class RetentionRuleAdmin(AuditedAdmin):
    form = RetentionRuleForm
    list_display = ["kind", "retention_class"]
    list_select_related = ["retention_class"]


@admin.register(Archivist)
class ArchivistAdmin(AuditedAdmin):
    """Appointments are dated: end one rather than delete it (the history says who approved what)."""

    list_display = ["user", "start", "end"]
    autocomplete_fields = ["user"]

    def has_delete_permission(self, request, obj=None):
        return False


class CullingItemInline(admin.TabularInline):
    model = CullingItem
    fields = ["description", "kind", "record_date", "retention_class", "decision", "outcome", "keep_reason",
              "culled_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CullingList)
class CullingListAdmin(AuditedAdmin):
    """Read only: the list is drafted by the yearly task and approved by an archivist in the portal."""

    list_display = ["year", "status", "approved_by", "approved_at"]
    inlines = [CullingItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
