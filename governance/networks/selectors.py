"""Reads for the communicators' network, the conference and proposals."""
from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, Q, QuerySet, When

from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.networks.models import Conference, ConferenceRegistration, JoinRequest, Proposal
from governance.people.models import Organisation


def communicators_network() -> Body:
    return Body.objects.get(kind=Body.Kind.COMMUNICATORS_NETWORK, year=None)


def network_members(*, on: dt.date | None = None, organisation: Organisation | None = None) -> QuerySet[Membership]:
    """The communicators' network (the mailing list) on a day, by organisation and name."""
    qs = Membership.objects.active_on(on or today()).filter(body__kind=Body.Kind.COMMUNICATORS_NETWORK)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.select_related("user", "organisation").order_by(
        "organisation__sort_order", "user__last_name", "user__first_name", "pk"
    )


def is_network_member(user, *, on: dt.date | None = None) -> bool:
    return network_members(on=on).filter(user=user).exists()


def pending_join_requests(*, organisations=None) -> QuerySet[JoinRequest]:
    qs = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING)
    if organisations is not None:
        qs = qs.filter(organisation__in=organisations)
    return qs.select_related("user", "organisation").order_by("created_at", "pk")


def join_requests_of(user) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(user=user).select_related("organisation", "decided_by").order_by(
        "-created_at", "-pk"
    )


# --- Proposals -----------------------------------------------------------------------------------
def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("author", "organisation", "handled_by")


def proposals_for(user, *, managed_organisations=None) -> QuerySet[Proposal]:
    """What `user` sees on the proposals page: their own, and the submitted and handled proposals
    of the organisations they are information manager of (every organisation for admin)."""
    if user.is_superuser:
        visible = Q(author=user) | ~Q(status=Proposal.Status.DRAFT)
    else:
        visible = Q(author=user)
        if managed_organisations is not None:
            visible |= Q(organisation__in=managed_organisations) & ~Q(status=Proposal.Status.DRAFT)
    return _proposals().filter(visible).order_by("-created_at", "-pk")


def own_open_proposals(user) -> QuerySet[Proposal]:
    """`user`'s proposals still on their way: drafts and returned ones to finish first, then the
    submitted ones waiting for the information manager."""
    order = Case(When(status=Proposal.Status.RETURNED, then=0), When(status=Proposal.Status.DRAFT, then=1), default=2)
    return (Proposal.objects.filter(author_id=user.pk, status__in=[
        Proposal.Status.DRAFT, Proposal.Status.RETURNED, Proposal.Status.SUBMITTED])
        .order_by(order, "-updated_at", "-pk"))


def forwarded_proposals(*, year: int | None = None) -> QuerySet[Proposal]:
    """Forwarded proposals, input to the steering group's work on next year's plan."""
    qs = _proposals().filter(status=Proposal.Status.FORWARDED)
    if year is not None:
        qs = qs.filter(handled_at__year=year)
    return qs.order_by("-handled_at", "-pk")


def proposals_to_handle(organisations) -> QuerySet[Proposal]:
    return _proposals().filter(status=Proposal.Status.SUBMITTED, organisation__in=organisations).order_by(
        "submitted_at", "pk"
    )


# --- Conference ----------------------------------------------------------------------------------
def conferences() -> QuerySet[Conference]:
    return Conference.objects.annotate(registration_count=Count("registrations")).order_by("-year")


def open_conferences(day: dt.date) -> QuerySet[Conference]:
    return Conference.objects.filter(registration_deadline__gte=day).order_by("registration_deadline", "pk")


def registrations(conference: Conference, organisation: Organisation | None = None) -> QuerySet[ConferenceRegistration]:
    qs = ConferenceRegistration.objects.filter(conference=conference)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.select_related("participant", "organisation", "registered_by").order_by(
        "organisation__sort_order", "participant__last_name", "participant__first_name", "pk"
    )


def registration_counts(conference: Conference) -> QuerySet[Organisation]:
    """Every fee payer with the number of participants it has registered."""
    return Organisation.objects.filter(pays_fee=True).annotate(
        participant_count=Count("conference_registrations", filter=Q(conference_registrations__conference=conference))
    ).order_by("sort_order", "code")


def registrable_people(organisation: Organisation):
    from governance.people.forms import people

    return people(organisations=[organisation])
