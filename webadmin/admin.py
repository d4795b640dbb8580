from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin

from governance.admin import AuditedAdmin
from governance.permissions import sync_all

from .models import (
    FeatureAttachment,
    FeatureRequest,
    FeatureSupport,
    HandbookPage,
    Policy,
    PolicyVersion,
    RepresentativesMeeting,
    Role,
    RoleAssignment,
    StatusReport,
    SteeringDecision,
    WebCooperation,
    WebPlatform,
    WorkingGroup,
)


@admin.register(WebCooperation)
class WebCooperationAdmin(GuardedModelAdminMixin, admin.ModelAdmin):
    list_display = ["name"]


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    list_display = ["code", "sort_order"]
    search_fields = ["code", "duties"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    """Assignments are decisions of the steering group; saving re-derives the permissions."""

    list_display = ["role", "user", "organisation", "start", "end", "share", "salary_cost", "social_fee_rate"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    list_select_related = ["role", "user", "organisation"]
    autocomplete_fields = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_all()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        sync_all()


@admin.register(SteeringDecision)
class SteeringDecisionAdmin(AuditedAdmin):
    list_display = ["decided_on", "kind", "recorded_by", "recorded_at"]
    list_filter = ["kind"]
    search_fields = ["summary"]
    list_select_related = ["recorded_by"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(AuditedAdmin):
    list_display = ["body", "start", "end"]
    search_fields = ["body__name", "purpose"]
    list_select_related = ["body"]


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    list_display = ["group", "author", "created_at"]
    list_select_related = ["group__body", "author"]
    search_fields = ["text"]


class AttachmentInline(admin.TabularInline):
    model = FeatureAttachment
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    fields = readonly_fields


class SupportInline(admin.TabularInline):
    model = FeatureSupport
    extra = 0
    autocomplete_fields = ["organisation", "user"]


@admin.register(FeatureRequest)
class FeatureRequestAdmin(AuditedAdmin):
    list_display = ["title", "status", "site", "organisation", "rank", "value", "effort", "created_at"]
    list_filter = ["status", "site", "organisation"]
    search_fields = ["title", "problem", "proposal"]
    list_select_related = ["organisation"]
    inlines = [AttachmentInline, SupportInline]


@admin.register(HandbookPage)
class HandbookPageAdmin(AuditedAdmin):
    list_display = ["title", "kind", "audience", "status", "version", "updated_at"]
    list_filter = ["kind", "audience", "status"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}


class PolicyVersionInline(admin.TabularInline):
    model = PolicyVersion
    extra = 0


@admin.register(Policy)
class PolicyAdmin(AuditedAdmin):
    list_display = ["title", "kind"]
    list_filter = ["kind"]
    search_fields = ["title"]
    inlines = [PolicyVersionInline]


@admin.register(WebPlatform)
class WebPlatformAdmin(AuditedAdmin):
    list_display = ["name", "kind", "environment", "address"]
    list_filter = ["kind", "environment"]
    search_fields = ["name", "address"]


@admin.register(RepresentativesMeeting)
class RepresentativesMeetingAdmin(AuditedAdmin):
    list_display = ["year", "date", "place"]
