"""Decisions in the portal's search: the register is open to everyone signed in
(`governance.view_decision`)."""
from django.utils.translation import gettext_lazy as _

from governance.searchable import Source

from .models import Decision


def visible_decisions(user):
    if not user.is_authenticated or not user.is_active:
        return Decision.objects.none()
    return Decision.objects.all()


SOURCES = [
    Source(kind="decisions", label=_("Decisions"), rows=visible_decisions,
           fields=(("number", "A"), ("text", "B"), ("grounds", "C"), ("dissent", "D")), title="number",
           url_name="governance:decision_detail"),
]
