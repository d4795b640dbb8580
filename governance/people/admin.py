from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from governance.admin_base import AuditedAdmin, ServiceAdmin
from governance.authority import today
from governance.people.models import (
    Delegation,
    ExternalIdentity,
    Organisation,
    OrganisationClaimMapping,
    User,
)
from governance.people.services import delegation_grant, delegation_revoke, delegation_shorten


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
        (_("Personal data"), {"fields": ["register_extract"]}),
    )
    readonly_fields = ["register_extract"]
    actions = ["deactivate"]

    def has_delete_permission(self, request, obj=None):
        """A person is deactivated, never deleted: the public records go on naming who took part."""
        return False

    @admin.action(description=_("Deactivate the selected people (memberships end today; records are kept)"))
    def deactivate(self, request, queryset):
        from django.contrib import messages
        from django.core.exceptions import ValidationError

        from governance.people.deactivation import person_deactivate

        for person in queryset:
            try:
                done = person_deactivate(person=person, actor=request.user)
            except ValidationError as exc:
                messages.warning(request, " ".join(exc.messages))
                continue
            messages.success(request, _("%(name)s was deactivated: %(m)s memberships and %(d)s mandates ended.")
                             % {"name": person, "m": done["memberships"], "d": done["mandates"]})

    @admin.display(description=_("register extract (GDPR article 15)"))
    def register_extract(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("governance:register_extract_for", args=[obj.pk]),
                           _("Download everything the portal holds about this person"))
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Organisation"), {"fields": ["email", "first_name", "last_name", "organisation"]}),
    )


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
        return delegation_grant(
            organisation=data["content_object"], deputy=data["user"], scope=data["permission"].codename,
            reason=data["reason"], start=data["start"], end=data["end"], actor=request.user,
        )

    def service_change(self, request, obj, form):
        end = form.cleaned_data.get("end")
        if end is not None and end < today():
            return delegation_revoke(delegation=obj, actor=request.user)
        return delegation_shorten(delegation=obj, end=end, actor=request.user)


@admin.register(OrganisationClaimMapping)
class OrganisationClaimMappingAdmin(AuditedAdmin):
    """Which value of the agency account's organisation claim belongs to which organisation: a
    person whose value is not here is refused at the first sign-in (governance/people/provisioning.py)."""

    list_display = ["claim_value", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["claim_value", "organisation__name", "organisation__code"]
    list_select_related = ["organisation"]
    ordering = ["organisation__sort_order", "claim_value"]


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(AuditedAdmin):
    """The agency accounts linked to people, made at their first sign-in. Read only; deleting one
    unlinks it (the next sign-in links again, by e-mail, or creates a new person)."""

    list_display = ["user", "issuer", "subject", "created_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "subject"]
    list_select_related = ["user"]
    readonly_fields = ["user", "issuer", "subject", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
