"""The portal's URLs plus the ceiling: a minimal logged-in view (session, user, the whole
middleware stack, a tiny response) — what the framework costs before any page does any work —
and, as a second reference, the portal's layout with an empty page."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal


@login_required
def ceiling(request):
    return HttpResponse(f"<!DOCTYPE html><title>ok</title><p>{request.user.get_username()}</p>")


LAYOUT_ONLY = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Bench{% endblock %}{% block content %}<h1>Bench</h1>{% endblock %}'
)


@login_required
def layout_only(request):
    """A second reference: the portal's layout (menu of every app, unread count) and nothing else —
    the least any page of the portal costs."""
    return HttpResponse(LAYOUT_ONLY.render({}, request))


urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench_ceiling"),
    path("bench/layout/", layout_only, name="bench_layout"),
    *portal,
]
