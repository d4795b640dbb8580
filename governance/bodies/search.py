"""Bodies in the portal's search: every body's page is open to everyone signed in."""
from django.utils.translation import gettext_lazy as _

from governance.searchable import Source

from .models import Body


def signed_in_bodies(user):
    return Body.objects.all() if user.is_authenticated and user.is_active else Body.objects.none()


SOURCES = [
    Source(kind="bodies", label=_("Bodies"), rows=signed_in_bodies,
           fields=(("name", "A"), ("description", "B")), title="name", url_name="governance:body_detail"),
]
