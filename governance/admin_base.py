"""The admin classes every app's admin builds on: audited history, and writes through the services."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin


class StoredTextAdmin:
    """A stored text (governance.texts: `<name>_message`, shown in the reader's language) whose
    column `<name>` an administrator edits becomes their own words: the message is dropped."""

    def save_model(self, request, obj, form, change):
        for name in form.changed_data:
            if hasattr(obj, f"{name}_message"):
                setattr(obj, f"{name}_message", None)
        super().save_model(request, obj, form, change)


class AuditedAdmin(StoredTextAdmin, SimpleHistoryAdmin):
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
