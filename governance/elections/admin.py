from __future__ import annotations

from django.contrib import admin

from governance.admin_base import AuditedAdmin
from governance.elections.models import Ballot, Election, ElectionDecision


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
