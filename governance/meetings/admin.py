from __future__ import annotations

from django.contrib import admin

from governance.admin_base import AuditedAdmin
from governance.meetings.models import AgendaItem, Attendance, Meeting, MeetingAttachment, Minutes


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["presenter"]
    fields = ["order", "title", "presenter", "duration_minutes"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "status"]


class MeetingAttachmentInline(admin.TabularInline):
    model = MeetingAttachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields  # uploads go through the portal, which checks the content

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ["title", "body", "start", "end", "place"]
    list_filter = ["body__kind", "body"]
    search_fields = ["title", "place", "body__name"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
    filter_horizontal = ["joint_bodies"]
    date_hierarchy = "start"
    readonly_fields = ["version", "created_by", "created_at", "updated_at"]
    inlines = [AgendaItemInline, AttendanceInline, MeetingAttachmentInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # so an open portal form sees the admin's change as a conflict
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["meeting", "user", "status"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["user__username", "user__last_name", "meeting__title"]
    list_select_related = ["meeting", "user"]
    autocomplete_fields = ["meeting", "user"]


@admin.register(MeetingAttachment)
class MeetingAttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "meeting", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "meeting__title"]
    list_select_related = ["meeting", "uploaded_by"]
    readonly_fields = ["file", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False  # uploads go through the portal, which checks size and content type


@admin.register(Minutes)
class MinutesAdmin(AuditedAdmin):
    """Published minutes are read-only here too: a correction is a new version, made in the portal."""

    list_display = ["meeting", "number", "status", "published_at", "published_by"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["meeting__title", "text"]
    list_select_related = ["meeting", "published_by"]
    readonly_fields = ["meeting", "number", "previous", "status", "version", "created_by", "published_by",
                       "published_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == Minutes.Status.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == Minutes.Status.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)
