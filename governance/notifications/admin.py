from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.admin_base import StoredTextAdmin
from governance.notifications.models import Digest, Notification, NotificationPreference
from governance.notifications.services import enqueue_email


@admin.register(Notification)
class NotificationAdmin(StoredTextAdmin, admin.ModelAdmin):
    list_display = ["subject_in_language", "kind", "recipient", "created_at", "read_at", "email_status",
                    "email_attempts"]
    list_filter = ["email_status", "kind"]
    # `subject` is the subject in the default language (Swedish): what search finds.
    search_fields = ["subject", "recipient__username", "recipient__last_name"]
    list_select_related = ["recipient"]
    readonly_fields = ["dedupe_key", "subject_in_language", "body_in_language"]
    actions = ["retry_email"]

    @admin.display(description=_("subject"), ordering="subject")
    def subject_in_language(self, obj):
        return obj.subject_text

    @admin.display(description=_("text"))
    def body_in_language(self, obj):
        return obj.body_text

    @admin.action(description=_("Retry the e-mail of the selected failed notifications"))
    def retry_email(self, request, queryset):
        ids = list(queryset.filter(email_status=Notification.EmailStatus.FAILED).values_list("pk", flat=True))
        for n in Notification.objects.filter(pk__in=ids):
            Notification.EMAIL_WORKFLOW.move(n, Notification.EmailStatus.PENDING)
            n.email_attempts = 0
            n.save(update_fields=["email_status", "email_attempts"])
            enqueue_email(n.pk)
        self.message_user(request, _("%(count)d e-mails queued again.") % {"count": len(ids)})


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__username"]
    readonly_fields = ["digest_since"]  # set by the model when the kind goes to a digest


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    """What went out when; rows are written by the digest scan only (governance/notifications/digests.py)."""

    list_display = ["user", "period", "period_start", "built_at", "sent_at", "size", "failed_at", "email_attempts"]
    list_filter = ["period", "period_start"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    readonly_fields = ["user", "period", "period_start", "built_at", "sent_at", "size", "failed_at",
                       "email_attempts", "email_error"]

    def has_add_permission(self, request):
        return False
