"""The archive in the admin: read and searched; documents and versions are written through the
portal's pages (governance.documents.services), which check the file and audit the change."""
from django.contrib import admin

from governance.admin_base import AuditedAdmin
from governance.documents.models import Document, DocumentVersion


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = ["number", "original_name", "content_type", "size", "note", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ["title", "body", "kind", "dated", "readers"]
    list_filter = ["kind", "readers", "body__kind"]
    search_fields = ["title", "description", "versions__original_name"]
    list_select_related = ["body"]
    readonly_fields = ["body", "created_by", "created_at", "version"]
    inlines = [VersionInline]
    filter_horizontal = ["meetings", "decisions"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
