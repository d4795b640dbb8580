"""The news in the admin: read and searched; items are published, changed and withdrawn through the
portal's pages (governance.news.services), which check the right, the file and audit the change."""
from django.contrib import admin

from governance.admin_base import AuditedAdmin
from governance.news.models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(AuditedAdmin):
    list_display = ["title", "audience", "body", "organisation", "author", "published_at", "withdrawn_at"]
    list_filter = ["audience", "body__kind", "organisation"]
    search_fields = ["title", "text"]
    list_select_related = ["body", "organisation", "author"]
    date_hierarchy = "published_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
