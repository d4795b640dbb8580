from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Body, Membership, Notification, NotificationPreference, Organisation, User
from .permissions import sync_all


class AuditedAdmin(SimpleHistoryAdmin):
    """Every audited model's admin shows its history (who, when, what)."""


@admin.register(Organisation)
class OrganisationAdmin(GuardedModelAdminMixin, AuditedAdmin):
    list_display = ["code", "name", "kind", "pays_fee", "parent"]
    list_filter = ["kind", "pays_fee"]
    search_fields = ["code", "name", "short_name"]
    ordering = ["sort_order"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "email", "organisation", "is_active", "is_staff"]
    list_filter = ["organisation", "is_active", "is_staff", "is_superuser", "has_it_competence"]
    search_fields = ["username", "first_name", "last_name", "email"]
    list_select_related = ["organisation"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Organisation"), {"fields": ["organisation", "title", "phone", "has_it_competence"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Organisation"), {"fields": ["email", "first_name", "last_name", "organisation"]}),
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]
    fields = ["user", "organisation", "position", "role_description", "start", "end"]


@admin.register(Body)
class BodyAdmin(GuardedModelAdminMixin, AuditedAdmin):
    list_display = ["name", "kind", "year", "parent"]
    list_filter = ["kind", "year"]
    search_fields = ["name"]
    inlines = [MembershipInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_all()


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    """Memberships and roles are assigned here; saving re-derives the object permissions."""

    list_display = ["user", "body", "position", "organisation", "start", "end"]
    list_filter = ["body__kind", "position", "body"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "body__name"]
    list_select_related = ["user", "body", "organisation"]
    autocomplete_fields = ["user", "body", "organisation"]
    date_hierarchy = "start"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.organisation = obj.organisation if obj.organisation_id else obj.user.organisation
        super().save_model(request, obj, form, change)
        sync_all()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        sync_all()

    def delete_queryset(self, request, queryset):
        for obj in queryset:  # one history row per deleted membership
            obj.delete()
        sync_all()


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "recipient", "created_at", "read_at", "email_status", "email_attempts"]
    list_filter = ["email_status", "kind"]
    search_fields = ["subject", "recipient__username", "recipient__last_name"]
    list_select_related = ["recipient"]
    readonly_fields = ["dedupe_key"]
    actions = ["retry_email"]

    @admin.action(description=_("Retry the e-mail of the selected failed notifications"))
    def retry_email(self, request, queryset):
        ids = list(queryset.filter(email_status=Notification.EmailStatus.FAILED).values_list("pk", flat=True))
        for n in Notification.objects.filter(pk__in=ids):
            n.email_status = Notification.EmailStatus.PENDING
            n.email_attempts = 0
            n.save(update_fields=["email_status", "email_attempts"])
            services.enqueue_email(n.pk)
        self.message_user(request, _("%(count)d e-mails queued again.") % {"count": len(ids)})


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
    search_fields = ["user__username"]


# --- Meetings and minutes ------------------------------------------------------------------------
from .models import AgendaItem, Attendance, Meeting, MeetingAttachment, Minutes  # noqa: E402


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


# --- The communicators' network, proposals, the conference, the election ---------------------------
from .models import (  # noqa: E402
    Ballot,
    Conference,
    ConferenceRegistration,
    Election,
    ElectionDecision,
    JoinRequest,
    Proposal,
)


@admin.register(JoinRequest)
class JoinRequestAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", "organisation"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "user__email"]
    list_select_related = ["user", "organisation", "decided_by"]
    readonly_fields = ["membership", "decided_by", "decided_at"]


class ConferenceRegistrationInline(admin.TabularInline):
    model = ConferenceRegistration
    extra = 0
    autocomplete_fields = ["participant", "organisation"]
    fields = ["participant", "organisation", "registered_by"]
    readonly_fields = ["registered_by"]


@admin.register(Conference)
class ConferenceAdmin(AuditedAdmin):
    list_display = ["title", "year", "date", "registration_deadline", "cap_per_organisation"]
    list_filter = ["year"]
    search_fields = ["title", "place"]
    inlines = [ConferenceRegistrationInline]


@admin.register(ConferenceRegistration)
class ConferenceRegistrationAdmin(AuditedAdmin):
    list_display = ["participant", "organisation", "conference", "registered_by", "created_at"]
    list_filter = ["conference", "organisation"]
    search_fields = ["participant__first_name", "participant__last_name", "participant__username"]
    list_select_related = ["participant", "organisation", "conference", "registered_by"]
    autocomplete_fields = ["participant", "organisation"]


@admin.register(Proposal)
class ProposalAdmin(AuditedAdmin):
    list_display = ["title", "author", "organisation", "status", "submitted_at", "handled_by"]
    list_filter = ["status", "organisation"]
    search_fields = ["title", "description", "author__last_name", "author__username"]
    list_select_related = ["author", "organisation", "handled_by"]
    readonly_fields = ["version"]


@admin.register(Election)
class ElectionAdmin(GuardedModelAdminMixin, AuditedAdmin):
    """Elections are opened here; the nomination, ballots and decision are made in the portal."""

    list_display = ["year", "status", "meeting_date", "nominated_chair"]
    list_filter = ["status"]
    search_fields = ["year"]
    readonly_fields = ["nominees", "nominated_chair", "nomination_entered_by", "nomination_entered_at", "version"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_all()


@admin.register(Ballot)
class BallotAdmin(AuditedAdmin):
    list_display = ["election", "organisation", "chair_vote", "cast_by", "updated_at"]
    list_filter = ["election", "organisation"]
    search_fields = ["organisation__name"]
    list_select_related = ["election", "organisation", "chair_vote", "cast_by"]

    def has_change_permission(self, request, obj=None):
        return False  # ballots are cast by the information managers in the portal


@admin.register(ElectionDecision)
class ElectionDecisionAdmin(AuditedAdmin):
    list_display = ["election", "method", "decided_on", "chair", "recorded_by"]
    list_filter = ["method"]
    search_fields = ["election__year"]
    list_select_related = ["election", "chair", "recorded_by"]

    def has_change_permission(self, request, obj=None):
        return False  # recorded through the portal's service, which creates the bodies and memberships


# --- G7 reports (governance/services/reports.py) -----------------------------------------------------
from .models import G7Report  # noqa: E402


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
