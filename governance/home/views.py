"""The portal's own pages: Min sida, the health probes, the error pages."""
from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from governance.authority import today
from governance.bodies.roles import role_scope, roles_of

security_log = logging.getLogger("samordna.security")


@login_required
def home(request):
    """Min sida: the user's organisation, roles, and what they must act on."""
    day = today()
    panels = []
    # One role context (memberships, body permissions) for all panels of this request.
    with role_scope(request.user):
        for path in settings.DASHBOARD_PANELS:
            panels.extend(import_string(path)(request.user, day))
        memberships = roles_of(request.user, day).memberships  # = memberships_of(user, on=day)
        other_roles = [name for path in settings.MY_ROLES for name in import_string(path)(request.user, day)]
    return render(
        request,
        "governance/home/home.html",
        {
            "memberships": memberships,
            "other_roles": other_roles,
            "panels": panels,
            "today": day,
        },
    )


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
