from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Body, Delegation, Membership, Notification, NotificationPreference, Organisation, User
from .selectors import today

# The admin's pages lead back through their breadcrumbs and the index: without the sidebar, a list
# page does not build the list of every model of every app on every request.
admin.site.enable_nav_sidebar = False


class AuditedAdmin(SimpleHistoryAdmin):
    """Every audited model's admin shows its history (who, when, what)."""


class ServiceAdmin(AuditedAdmin):
    """An admin whose writes go through the domain's services, so the admin has the views' rules,
    locks and audit. Dated facts (memberships, role assignments, delegations) are added and ended,
    never rewritten or deleted: on change only `end` is editable. The form validates with the
    model's own clean(); what only the service can see under its lock (two administrators at
    once) comes back as a message, with nothing saved. A subclass names its services in
    `service_create(request, obj, form)` and `service_change(request, obj, form)`."""

    editable_on_change = ("end",)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return super().get_readonly_fields(request, obj)
        return [f.name for f in self.model._meta.fields if f.name not in self.editable_on_change]

    def has_delete_permission(self, request, obj=None):
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", None) or [str(exc)]:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        saved = self.service_change(request, obj, form) if change else self.service_create(request, obj, form)
        obj.pk = saved.pk  # the admin redirects to the saved object


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
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
    """The body's members, to read; memberships are added and ended on their own admin page."""

    model = Membership
    extra = 0
    fields = ["user", "organisation", "position", "role_description", "start", "end"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    list_display = ["name", "kind", "year", "parent"]
    list_filter = ["kind", "year"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    """Memberships are added and ended here, through the same service as in the portal (its lock
    holds the one-information-manager rule). Rights follow from them at once."""

    list_display = ["user", "body", "position", "organisation", "start", "end"]
    list_filter = ["body__kind", "position", "body"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "body__name"]
    list_select_related = ["user", "body", "organisation"]
    list_per_page = 50  # with the filters and the search, a page of 50 is what an administrator reads
    show_full_result_count = False  # a filtered list says "N of M" without counting every membership again
    autocomplete_fields = ["user", "body", "organisation"]
    date_hierarchy = "start"

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        return services.membership_create(
            body=data["body"], user=data["user"], organisation=data.get("organisation"), position=data["position"],
            role_description=data.get("role_description", ""), start=data["start"], end=data.get("end"),
            actor=request.user,
        )

    def service_change(self, request, obj, form):
        return services.membership_end(membership=obj, end=form.cleaned_data.get("end"), actor=request.user)


@admin.register(Delegation)
class DelegationAdmin(ServiceAdmin):
    """Deputies (ersättare) named by information managers; an administrator may name or end one
    too, through the same service (audited, ends by itself)."""

    list_display = ["user", "permission", "content_object", "start", "end", "granted_by", "revoked_at"]
    list_filter = ["permission", "content_object"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "reason"]
    list_select_related = ["user", "permission", "content_object", "granted_by"]
    autocomplete_fields = ["user", "content_object"]
    fields = ["content_object", "user", "permission", "reason", "start", "end"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "permission":
            from django.contrib.auth.models import Permission

            kwargs["queryset"] = Permission.objects.filter(
                content_type__app_label="governance", codename__in=Delegation.SCOPES)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        return services.delegation_grant(
            organisation=data["content_object"], deputy=data["user"], scope=data["permission"].codename,
            reason=data["reason"], start=data["start"], end=data["end"], actor=request.user,
        )

    def service_change(self, request, obj, form):
        end = form.cleaned_data.get("end")
        if end is not None and end < today():
            return services.delegation_revoke(delegation=obj, actor=request.user)
        return services.delegation_shorten(delegation=obj, end=end, actor=request.user)


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
            Notification.EMAIL_WORKFLOW.move(n, Notification.EmailStatus.PENDING)
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
class ElectionAdmin(AuditedAdmin):
    """Elections are opened here; the nomination, ballots and decision are made in the portal."""

    list_display = ["year", "status", "meeting_date", "nominated_chair"]
    list_filter = ["status"]
    search_fields = ["year"]
    readonly_fields = ["nominees", "nominated_chair", "nomination_entered_by", "nomination_entered_at", "version"]


@admin.register(Ballot)
class BallotAdmin(AuditedAdmin):
    list_display = ["election", "organisation", "chair_vote", "cast_by", "mandate", "updated_at"]
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
