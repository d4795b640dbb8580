"""People in the portal's search: everyone signed in finds a colleague by name, job title or
organisation. A person has no page of their own: the hit leads to the page of a body they sit in
today (who sits there is open to everyone signed in), or to none."""
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from governance.authority import today
from governance.bodies.models import Membership
from governance.searchable import Source

from .models import User


def signed_in_people(user):
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    return User.objects.filter(is_active=True)


def _a_body_today():
    day = today()
    seats = Membership.objects.filter(Q(end__isnull=True) | Q(end__gte=day), user=OuterRef("pk"), start__lte=day)
    return Subquery(seats.order_by("body__kind", "-body__year", "body_id").values("body_id")[:1])


NAME = Concat("first_name", Value(" "), "last_name")

SOURCES = [
    Source(kind="people", label=_("People"), rows=signed_in_people,
           fields=(("first_name", "A"), ("last_name", "A"), ("title", "B"), ("organisation__name", "C")),
           title=NAME, url_name="governance:body_detail", key=_a_body_today),
]
