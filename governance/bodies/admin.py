from __future__ import annotations

from django.contrib import admin

from governance.admin_base import AuditedAdmin, ServiceAdmin
from governance.bodies.models import Body, Membership
from governance.bodies.services import membership_create, membership_end


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
        return membership_create(
            body=data["body"], user=data["user"], organisation=data.get("organisation"), position=data["position"],
            role_description=data.get("role_description", ""), start=data["start"], end=data.get("end"),
            actor=request.user,
        )

    def service_change(self, request, obj, form):
        return membership_end(membership=obj, end=form.cleaned_data.get("end"), actor=request.user)
