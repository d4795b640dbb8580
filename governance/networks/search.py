"""Proposals in the portal's search: exactly those `governance.view_proposal` allows (the author's
own, the submitted ones of the organisations one is information manager of today, and for the
sitting steering group the forwarded ones)."""
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.bodies.rules import sits_in_steering_group
from governance.people.rules import managed_organisations
from governance.searchable import Source

from .models import Proposal


def visible_proposals(user):
    if not user.is_authenticated or not user.is_active:
        return Proposal.objects.none()
    if user.is_superuser:
        return Proposal.objects.all()
    allowed = Q(author=user) | (~Q(status=Proposal.Status.DRAFT) & Q(organisation__in=managed_organisations(user)))
    if sits_in_steering_group(user):
        allowed |= Q(status=Proposal.Status.FORWARDED)
    return Proposal.objects.filter(allowed)


SOURCES = [
    Source(kind="proposals", label=_("Proposals"), rows=visible_proposals,
           fields=(("title", "A"), ("description", "B"), ("expected_benefit", "C")), title="title",
           url_name="governance:proposal_detail"),
]
