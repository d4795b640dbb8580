from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.admin_base import AuditedAdmin, ServiceAdmin
from governance.authority import today

from . import services
from .models import (
    AccessibilityFeedback,
    AccessibilityProblem,
    AccessibilityStatement,
    FeatureAttachment,
    FeatureRequest,
    FeatureSupport,
    HandbookPage,
    Policy,
    PolicyVersion,
    ReadConfirmation,
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
class WebCooperationAdmin(admin.ModelAdmin):
    list_display = ["name"]


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    list_display = ["code", "sort_order"]
    search_fields = ["code", "duties"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceAdmin):
    """Assignments are decisions of the steering group, made here through the same service as in
    the portal (the decision is recorded); rights follow from them at once. Ended, never deleted."""

    list_display = ["role", "user", "organisation", "start", "end", "share", "salary_cost", "social_fee_rate"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    list_select_related = ["role", "user", "organisation"]
    autocomplete_fields = ["user", "organisation"]

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        return services.role_assign(
            role=data["role"], user=data["user"], start=data["start"], end=data.get("end"), decided_on=today(),
            share=data["share"], salary_cost=data["salary_cost"], social_fee_rate=data["social_fee_rate"],
            note=data.get("note", ""), actor=request.user,
        )

    editable_on_change = ("end", "share", "salary_cost", "social_fee_rate", "note")

    def service_change(self, request, obj, form):
        data = form.cleaned_data
        return services.role_assignment_update(
            assignment=obj, end=data.get("end"), share=data["share"], salary_cost=data["salary_cost"],
            social_fee_rate=data["social_fee_rate"], note=data.get("note", ""), actor=request.user,
        )


@admin.register(SteeringDecision)
class SteeringDecisionAdmin(AuditedAdmin):
    list_display = ["decided_on", "kind", "decision", "recorded_by", "recorded_at"]
    list_filter = ["kind"]
    search_fields = ["summary"]  # the decision in the default language

    @admin.display(description=_("decision"))
    def decision(self, obj):
        return obj.summary_text
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
    list_display = ["title", "kind", "to_be_read", "audience", "owner"]
    list_filter = ["kind", "to_be_read", "audience"]
    search_fields = ["title"]
    autocomplete_fields = ["owner"]
    inlines = [PolicyVersionInline]


@admin.register(ReadConfirmation)
class ReadConfirmationAdmin(admin.ModelAdmin):
    list_display = ["policy_version", "user", "confirmed_at"]
    list_filter = ["policy_version__policy"]
    search_fields = ["user__first_name", "user__last_name", "policy_version__policy__title"]
    autocomplete_fields = ["user"]
    date_hierarchy = "confirmed_at"


@admin.register(WebPlatform)
class WebPlatformAdmin(AuditedAdmin):
    list_display = ["name", "kind", "environment", "address"]
    list_filter = ["kind", "environment"]
    search_fields = ["name", "address"]


@admin.register(RepresentativesMeeting)
class RepresentativesMeetingAdmin(AuditedAdmin):
    list_display = ["year", "date", "place"]


# --- The accessibility statement (webadmin:accessibility) -------------------------------------------
@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(AuditedAdmin):
    list_display = ["assessed_on", "conformance", "last_automated_check", "updated_at"]


@admin.register(AccessibilityProblem)
class AccessibilityProblemAdmin(AuditedAdmin):
    list_display = ["description", "criterion", "found_on", "fixed_on"]
    list_filter = ["fixed_on"]
    search_fields = ["description", "description_en", "criterion"]


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "message", "page", "email", "handled"]
    list_filter = ["handled"]
    search_fields = ["message", "page", "email", "name"]
    readonly_fields = ["message", "page", "name", "email", "sender", "created_at"]

    def has_add_permission(self, request):
        return False  # feedback comes through the statement's form
