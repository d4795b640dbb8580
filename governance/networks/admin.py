from __future__ import annotations

from django.contrib import admin

from governance.admin_base import AuditedAdmin
from governance.networks.models import Conference, ConferenceRegistration, JoinRequest, Proposal


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
