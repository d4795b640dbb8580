"""The operating plan in the portal's search: its activities (`annualplan.view_plan`: everyone
signed in reads the plan)."""
from django.db.models import TextField, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from governance.searchable import Source

from .models import Activity


def readable_activities(user):
    if not user.is_authenticated or not user.has_perm("annualplan.view_plan"):
        return Activity.objects.none()
    return Activity.objects.all()


SOURCES = [
    Source(kind="activities", label=_("Plan activities"), rows=readable_activities,
           fields=(("title", "A"), ("description", "B"), ("goal", "C")),
           title=Concat("title", Value(" ("), Cast("plan__year", TextField()), Value(")"), output_field=TextField()),
           url_name="annualplan:activity_detail"),
]
