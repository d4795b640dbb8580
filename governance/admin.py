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
