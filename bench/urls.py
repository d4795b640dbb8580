"""The portal's URLs plus the ceiling: a minimal logged-in view (session, user, the whole
middleware stack, a tiny response) — what the framework costs before any page does any work."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal


@login_required
def ceiling(request):
    return HttpResponse(f"<!DOCTYPE html><title>ok</title><p>{request.user.get_username()}</p>")


urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *portal]
