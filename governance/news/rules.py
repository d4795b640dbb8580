"""Who publishes news to whom, and who reads it, computed from the memberships of today.

Publishing: the sitting steering group to the whole communications network and to its own body; a
body's officers (chair, vice chair, secretary, leader) to that body; an organisation's information
manager (its seat in the information managers' network) to the organisation's communicators. An
item is changed or withdrawn by its author or by those who may publish to its audience.

Reading: the network's news by everyone in the network today (communicators, information managers,
the steering group); a body's news by its members today; an organisation's news by its
communicators and its information manager today. A withdrawn item is read only by those who may
change it."""
from __future__ import annotations

from dataclasses import dataclass

import rules
from django.db.models import Q, QuerySet

from governance.authority import facts, today
from governance.bodies.models import Body, Membership
from governance.bodies.rules import is_in_network, sits_in_steering_group
from governance.people.models import Organisation

from .models import NewsItem

Audience = NewsItem.Audience


@dataclass(frozen=True)
class Targets:
    """Where `user` may publish today: the network, these bodies, these organisations."""

    network: bool
    body_ids: frozenset[int]
    organisation_ids: frozenset[int]

    def __bool__(self) -> bool:
        return self.network or bool(self.body_ids) or bool(self.organisation_ids)

    def allows(self, item: NewsItem) -> bool:
        if item.audience == Audience.NETWORK:
            return self.network
        if item.audience == Audience.BODY:
            return item.body_id in self.body_ids
        return item.organisation_id in self.organisation_ids


def targets(user) -> Targets:
    """The audiences `user` may publish to today (administrators: every one)."""
    if user.is_superuser and user.is_active:
        return Targets(True, frozenset(Body.objects.values_list("pk", flat=True)),
                       frozenset(Organisation.objects.values_list("pk", flat=True)))
    f, day = facts(user), today()
    bodies = {s.body_id for s in f.seats_on(day, positions=Membership.OFFICER_POSITIONS)}
    steering = sits_in_steering_group(user)
    if steering:
        bodies |= {s.body_id for s in f.seats_on(day, Body.Kind.STEERING_GROUP, year=day.year)}
    return Targets(network=steering, body_ids=frozenset(bodies), organisation_ids=frozenset(f.info_manager_of(day)))


def reader_organisations(user) -> set[int]:
    """The organisations whose news `user` reads today: as its communicator or information manager."""
    f, day = facts(user), today()
    return ({s.organisation_id for s in f.seats_on(day, Body.Kind.COMMUNICATORS_NETWORK)}
            | f.info_manager_of(day))


def _reads(user, item: NewsItem) -> bool:
    if item.withdrawn_at is not None:
        return False
    if item.audience == Audience.NETWORK:
        return is_in_network(user)
    if item.audience == Audience.BODY:
        return facts(user).in_body(item.body_id, today())
    return item.organisation_id in reader_organisations(user)


@rules.predicate
def reads_news(user, item: NewsItem | None) -> bool:
    return item is not None and user.is_authenticated and user.is_active and _reads(user, item)


@rules.predicate
def wrote_news(user, item: NewsItem | None) -> bool:
    return item is not None and item.author_id is not None and item.author_id == user.pk


@rules.predicate
def may_publish_to(user, item: NewsItem | None) -> bool:
    """`item` is the news to publish (its audience set); None asks whether `user` publishes at all."""
    found = targets(user)
    return bool(found) if item is None else found.allows(item)


rules.add_perm("governance.add_newsitem", may_publish_to)
rules.add_perm("governance.change_newsitem", wrote_news | may_publish_to)
rules.add_perm("governance.view_newsitem", reads_news | wrote_news | may_publish_to)


def _audiences(user) -> Q:
    """The items whose audience `user` is in today (withdrawn or not)."""
    day = today()
    allowed = Q(audience=Audience.BODY, body_id__in={s.body_id for s in facts(user).seats_on(day)})
    allowed |= Q(audience=Audience.ORGANISATION, organisation_id__in=reader_organisations(user))
    if is_in_network(user):
        allowed |= Q(audience=Audience.NETWORK)
    return allowed


def _changeable(user) -> Q:
    found = targets(user)
    allowed = Q(author_id=user.pk)
    if found.network:
        allowed |= Q(audience=Audience.NETWORK)
    allowed |= Q(audience=Audience.BODY, body_id__in=found.body_ids)
    allowed |= Q(audience=Audience.ORGANISATION, organisation_id__in=found.organisation_ids)
    return allowed


def readable_news(user, items: QuerySet[NewsItem]) -> QuerySet[NewsItem]:
    """`items` narrowed to what `user` reads as a reader today (never a withdrawn one): the start page
    and the feed."""
    if not user.is_authenticated or not user.is_active:
        return items.none()
    if user.is_superuser:
        return items.filter(withdrawn_at__isnull=True)
    return items.filter(_audiences(user), withdrawn_at__isnull=True)


def visible_news(user, items: QuerySet[NewsItem]) -> QuerySet[NewsItem]:
    """`items` narrowed to exactly those `governance.view_newsitem` allows `user` (one filter)."""
    if not user.is_authenticated or not user.is_active:
        return items.none()
    if user.is_superuser:
        return items
    return items.filter((_audiences(user) & Q(withdrawn_at__isnull=True)) | _changeable(user))
