from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.admin_base import AuditedAdmin, StoredTextAdmin

from .models import (
    Activity,
    Area,
    ConsultationAnswer,
    DevelopmentProject,
    FollowUp,
    FundingApplication,
    Measure,
    MeasureFollowUp,
    Milestone,
    Plan,
    PlanDecision,
    PlanGoal,
    PlanVersion,
    PlanVote,
    ProjectParticipant,
    ResourceAssignment,
    Survey,
    UnitActionPlan,
)


@admin.register(Area)
class AreaAdmin(AuditedAdmin):
    """The areas are data: rename, reorder or add them here."""

    list_display = ["name", "code", "sort_order", "active"]
    list_filter = ["active"]
    search_fields = ["name", "code"]
    ordering = ["sort_order"]


class GoalInline(admin.TabularInline):
    model = PlanGoal
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["year", "title", "status", "consultation_deadline", "adopted_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    readonly_fields = ["version", "vote_round"]
    inlines = [GoalInline]


class AssignmentInline(admin.TabularInline):
    model = ResourceAssignment
    extra = 0
    readonly_fields = ["compensation"]
    autocomplete_fields = ["person"]


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ["title", "plan", "area", "responsible_organisation", "budget"]
    list_filter = ["plan", "area", "responsible_organisation"]
    search_fields = ["title", "description"]
    list_select_related = ["plan", "area", "responsible_organisation"]
    autocomplete_fields = ["responsible_person"]
    filter_horizontal = ["proposals"]
    inlines = [AssignmentInline]


@admin.register(ResourceAssignment)
class ResourceAssignmentAdmin(AuditedAdmin):
    list_display = ["activity", "organisation", "person", "share", "salary_cost", "social_fee_rate", "compensation"]
    list_filter = ["activity__plan", "organisation"]
    search_fields = ["activity__title", "person__last_name"]
    list_select_related = ["activity", "organisation", "person"]
    readonly_fields = ["compensation"]
    autocomplete_fields = ["person"]


@admin.register(ConsultationAnswer)
class ConsultationAnswerAdmin(AuditedAdmin):
    list_display = ["plan", "organisation", "position", "answered_by", "answered_at"]
    list_filter = ["plan", "position"]
    search_fields = ["organisation__name", "comments"]
    list_select_related = ["plan", "organisation", "answered_by"]


@admin.register(PlanVote)
class PlanVoteAdmin(AuditedAdmin):
    list_display = ["plan", "round", "voter", "choice", "is_chair", "voted_at"]
    list_filter = ["plan", "choice"]
    search_fields = ["voter__last_name"]


@admin.register(PlanDecision)
class PlanDecisionAdmin(AuditedAdmin):
    list_display = ["plan", "round", "outcome", "chair_decided", "decided_at"]
    list_filter = ["outcome"]
    search_fields = ["approved_by", "rejected_by"]


@admin.register(PlanVersion)
class PlanVersionAdmin(StoredTextAdmin, admin.ModelAdmin):
    list_display = ["plan", "number", "occasion", "created_at", "created_by"]
    list_filter = ["plan"]
    search_fields = ["label"]  # the occasion in the default language
    readonly_fields = ["snapshot"]

    @admin.display(description=_("occasion"), ordering="label")
    def occasion(self, obj):
        return obj.label_text


@admin.register(FollowUp)
class FollowUpAdmin(AuditedAdmin):
    list_display = ["activity", "quarter", "status", "light", "spent_to_date", "forecast", "recorded_by"]
    list_filter = ["activity__plan", "quarter", "status", "light"]
    search_fields = ["activity__title", "comment", "analysis"]
    list_select_related = ["activity", "recorded_by"]


class ApplicationInline(admin.TabularInline):
    model = FundingApplication
    extra = 0


class ParticipantInline(admin.TabularInline):
    model = ProjectParticipant
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(DevelopmentProject)
class DevelopmentProjectAdmin(AuditedAdmin):
    list_display = ["title", "organisation", "proposed_by", "status", "created_at"]
    list_filter = ["status", "organisation"]
    search_fields = ["title", "description"]
    inlines = [ApplicationInline, ParticipantInline, MilestoneInline]


@admin.register(FundingApplication)
class FundingApplicationAdmin(AuditedAdmin):
    list_display = ["project", "amount", "decision", "granted_amount", "applied_at", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["project__title", "motivation"]


@admin.register(ProjectParticipant)
class ProjectParticipantAdmin(AuditedAdmin):
    list_display = ["project", "organisation", "person", "role", "start", "end"]
    list_filter = ["organisation"]
    search_fields = ["project__title", "role"]


@admin.register(Milestone)
class MilestoneAdmin(AuditedAdmin):
    list_display = ["project", "title", "due", "done_on"]
    list_filter = ["project"]
    search_fields = ["title"]


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0


class SurveyInline(admin.TabularInline):
    model = Survey
    extra = 0


@admin.register(UnitActionPlan)
class UnitActionPlanAdmin(AuditedAdmin):
    list_display = ["organisation", "year", "plan", "updated_at"]
    list_filter = ["year", "organisation"]
    search_fields = ["organisation__name", "summary"]
    inlines = [MeasureInline, SurveyInline]


@admin.register(Measure)
class MeasureAdmin(AuditedAdmin):
    list_display = ["title", "action_plan", "status"]
    list_filter = ["status"]
    search_fields = ["title", "planned_effect", "reported_effect"]


@admin.register(Survey)
class SurveyAdmin(AuditedAdmin):
    list_display = ["title", "action_plan", "conducted_on", "followed_up"]
    list_filter = ["followed_up"]
    search_fields = ["title"]


@admin.register(MeasureFollowUp)
class MeasureFollowUpAdmin(AuditedAdmin):
    list_display = ["measure", "quarter", "light", "recorded_by", "recorded_at"]
    list_filter = ["measure__action_plan__year", "quarter", "light"]
    search_fields = ["measure__title", "analysis"]
    list_select_related = ["measure", "recorded_by"]
