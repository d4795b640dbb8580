from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from governance.admin_base import AuditedAdmin, ServiceAdmin
from governance.authority import today
from governance.people.models import Delegation, Organisation, User
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
    )
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
