"""Who may do what with the communicators' network, proposals, the conference and the election.

Organisation-scoped actions (join requests, registrations, proposals) rest on
`governance.manage_organisation`, which governance.permissions.sync grants to each organisation's
information manager. The election's two roles are object permissions on the Election, derived
here from memberships by `sync` (listed in settings.PERMISSION_SYNCS):

- `enter_nomination`: the members of the nominating committee of the year before the term;
- `record_election`: the chair of the steering group of the year before the term.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from guardian.shortcuts import get_objects_for_user

from .models import Body, Election, Membership, Organisation, Proposal
from .permissions import Row, can_manage_organisation, can_view_body, sync_object_permissions


def sync(*, on: dt.date) -> None:
    active = Membership.objects.active_on(on).filter(
        body__kind__in=[Body.Kind.NOMINATING_COMMITTEE, Body.Kind.STEERING_GROUP], body__year__isnull=False
    )
    by_year: dict[int, list[tuple[int, str, str]]] = {}
    for user_id, kind, year, position in active.values_list("user_id", "body__kind", "body__year", "position"):
        by_year.setdefault(year + 1, []).append((user_id, kind, position))
    rows: set[Row] = set()
    for election_id, year in Election.objects.values_list("pk", "year"):
        for user_id, kind, position in by_year.get(year, []):
            if kind == Body.Kind.NOMINATING_COMMITTEE:
                rows.add((user_id, "enter_nomination", election_id))
            elif position == Membership.Position.CHAIR:
                rows.add((user_id, "record_election", election_id))
    sync_object_permissions(Election, ["enter_nomination", "record_election"], rows)


# --- Organisations -------------------------------------------------------------------------------
def managed_organisations(user) -> QuerySet[Organisation]:
    """The organisations `user` is information manager of (all of them for an admin)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.order_by("sort_order", "code")
    return get_objects_for_user(
        user, "governance.manage_organisation", Organisation, accept_global_perms=False
    ).order_by("sort_order", "code")


def is_information_manager(user) -> bool:
    """Holds governance.manage_organisation on some organisation (not counting admin rights)."""
    if not user.is_authenticated:
        return False
    return get_objects_for_user(
        user, "governance.manage_organisation", Organisation, accept_global_perms=False
    ).exists()


def can_handle_join_requests(user, organisation: Organisation) -> bool:
    return can_manage_organisation(user, organisation)


def can_export_mailing_list(user) -> bool:
    return user.is_authenticated and (user.is_superuser or is_information_manager(user))


def can_manage_registrations(user, organisation: Organisation) -> bool:
    return can_manage_organisation(user, organisation)


# --- Proposals ------------------------------------------------------------------------------------
def can_view_forwarded_proposals(user, *, on: dt.date) -> bool:
    """The members of the current steering group (and admin)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    group = Body.objects.filter(kind=Body.Kind.STEERING_GROUP, year=on.year).first()
    return group is not None and can_view_body(user, group)


def can_edit_proposal(user, proposal: Proposal) -> bool:
    return user.is_authenticated and proposal.author_id == user.pk and proposal.editable


def can_handle_proposal(user, proposal: Proposal) -> bool:
    return proposal.status != Proposal.Status.DRAFT and can_manage_organisation(user, proposal.organisation)


def can_view_proposal(user, proposal: Proposal, *, on: dt.date) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or proposal.author_id == user.pk:
        return True
    if proposal.status == Proposal.Status.DRAFT:
        return False
    if can_manage_organisation(user, proposal.organisation):
        return True
    return proposal.status == Proposal.Status.FORWARDED and can_view_forwarded_proposals(user, on=on)


# --- The election ---------------------------------------------------------------------------------
def can_enter_nomination(user, election: Election) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("governance.enter_nomination", election))


def can_record_election(user, election: Election) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("governance.record_election", election))


def ballot_organisation(user, *, on: dt.date) -> Organisation | None:
    """The organisation whose ballot `user` casts: the one they are information manager of on
    day `on` (and hold the organisation's rights for). None for anyone else, admin included."""
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.active_on(on)
        .filter(user=user, body__kind=Body.Kind.INFO_MANAGERS_NETWORK)
        .select_related("organisation")
        .first()
    )
    if membership is None or not user.has_perm("governance.manage_organisation", membership.organisation):
        return None
    return membership.organisation
