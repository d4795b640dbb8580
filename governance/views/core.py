from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from governance import selectors, services
from governance.forms import MembersOnDateForm, NotificationPreferencesForm
from governance.models import Body, Notification
from governance.selectors.roles import role_scope, roles_of

from ..web import show_errors

security_log = logging.getLogger("samordna.security")


@login_required
def home(request):
    """Min sida: the user's organisation, roles, and what they must act on."""
    today = selectors.today()
    panels = []
    # One role context (memberships, body permissions) for all panels of this request.
    with role_scope(request.user):
        for path in settings.DASHBOARD_PANELS:
            panels.extend(import_string(path)(request.user, today))
        memberships = roles_of(request.user, today).memberships  # = selectors.memberships_of(user, on=today)
    return render(
        request,
        "governance/home.html",
        {
            "memberships": memberships,
            "panels": panels,
            "today": today,
        },
    )


@login_required
def body_list(request):
    return render(request, "governance/body_list.html", {"bodies": selectors.bodies_with_member_counts()})


@login_required
def body_detail(request, pk: int):
    body = get_object_or_404(Body, pk=pk)
    form = MembersOnDateForm(request.GET or None)
    day = form.cleaned_data["on"] if form.is_valid() and form.cleaned_data.get("on") else selectors.today()
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "form": form,
            "day": day,
            "members": selectors.members_of(body, on=day),
            "is_member": request.user.has_perm("governance.view_body", body),
        },
    )


# --- Notifications -------------------------------------------------------------------------------
@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "governance/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(notification=notification, user=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("governance:notification_list")


@login_required
@require_POST
def notifications_mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("governance:notification_list")


@login_required
def notification_preferences(request):
    form = NotificationPreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preferences_set(user=request.user, email_by_kind=form.email_by_kind())
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your notification settings were saved."))
            return redirect("governance:notification_preferences")
    return render(request, "governance/notification_preferences.html", {"form": form})


# --- Operations ------------------------------------------------------------------------------------
@never_cache
@require_GET
def healthz_live(request):
    """Liveness: the process answers. Nothing else is asked, so an orchestrator does not restart
    every web process when the database or Redis blinks (readiness says that)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def healthz(request):
    """Readiness: the state of the database and, when configured, Redis. 503 when a dependency is
    down (take the process out of the load balancer; do not restart it)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # any database error means "down"
        checks["database"] = f"error: {type(exc).__name__}"
    if settings.REDIS_URL:
        try:
            cache.set("healthz", "1", 5)
            checks["redis"] = "ok" if cache.get("healthz") == "1" else "error: no round trip"
        except Exception as exc:
            checks["redis"] = f"error: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


def permission_denied(request, exception=None):
    """403 page; every refused authorisation is logged once, with who asked for what and, when a
    rule refused it (governance.authority.require), the rule and the object."""
    user = getattr(request, "user", None)
    security_log.warning(
        "authorisation refused user=%s method=%s path=%s rule=%s object=%s",
        user.get_username() if user is not None and user.is_authenticated else "anonymous",
        request.method,
        request.path,
        getattr(exception, "rule", None) or "-",
        getattr(exception, "object_label", None) or "-",
    )
    return render(request, "403.html", {"reason": str(exception) if exception else ""}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)

