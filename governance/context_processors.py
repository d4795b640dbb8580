from django.conf import settings

from .selectors import unread_count


def portal(request):
    """What base.html needs on every page: the unread count and each app's navigation."""
    user = getattr(request, "user", None)
    return {
        "nav_templates": settings.NAV_TEMPLATES,
        "unread_notifications": unread_count(user) if user is not None and user.is_authenticated else 0,
    }
