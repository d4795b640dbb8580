"""A person's notifications and their e-mail choices."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from governance.notifications.forms import NotificationPreferencesForm
from governance.notifications.models import Notification
from governance.notifications.selectors import notifications_for
from governance.notifications.services import notification_mark_read, notification_preferences_set
from governance.notifications.services import notifications_mark_all_read as mark_all_read
from governance.web import submit


# --- Notifications -------------------------------------------------------------------------------
@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "governance/notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notification_mark_read(notification=notification, user=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("governance:notification_list")


@login_required
@require_POST
def notifications_mark_all_read(request):
    count = mark_all_read(user=request.user)
    messages.success(request, ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.",
                                       count) % {"count": count})
    return redirect("governance:notification_list")


@login_required
def notification_preferences(request):
    form = NotificationPreferencesForm(request.POST or None, user=request.user)
    return submit(
        request, form,
        lambda d: notification_preferences_set(user=request.user, delivery_by_kind=form.delivery_by_kind()),
        success=_("Your notification settings were saved."), then="governance:notification_preferences",
    ) or render(request, "governance/notifications/notification_preferences.html",
             {"form": form, "digest_hour": settings.DIGEST_HOUR})
