"""Feedback on the portal's accessibility: stored, and every administrator told (in the portal,
and by e-mail if they chose it). Open to anyone, signed in or not, so it is limited per address."""
from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.notifications.services import notification_send
from governance.people.models import User

from ..models import AccessibilityFeedback
from ..notifications import ACCESSIBILITY_FEEDBACK

FEEDBACK_PER_HOUR = 5


def _within_limit(address: str) -> bool:
    """At most FEEDBACK_PER_HOUR messages an hour from one address (Django's cache: Redis in
    production, shared by every web process)."""
    key = f"accessibility-feedback:{address or '-'}"
    cache.add(key, 0, 3600)
    try:
        return cache.incr(key) <= FEEDBACK_PER_HOUR
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, 3600)
        return True


@transaction.atomic
def feedback_submit(*, message: str, page: str = "", name: str = "", email: str = "", sender: User | None = None,
                    address: str = "") -> AccessibilityFeedback:
    if not _within_limit(address):
        raise ValidationError(_("Thank you: we have already received several messages from you this hour. "
                                "Please try again later, or write to us by e-mail."))
    feedback = AccessibilityFeedback.objects.create(
        message=message.strip(), page=page.strip()[:500], name=name.strip(), email=email.strip(),
        sender=sender if getattr(sender, "pk", None) else None)
    url = reverse(f"admin:{feedback._meta.app_label}_{feedback._meta.model_name}_change", args=[feedback.pk])
    for admin in User.objects.filter(is_superuser=True, is_active=True).order_by("pk"):
        notification_send(kind=ACCESSIBILITY_FEEDBACK, recipient=admin, target=feedback, url=url,
                          subject=gettext_lazy("Feedback on the portal's accessibility"), body=feedback.message)
    return feedback
