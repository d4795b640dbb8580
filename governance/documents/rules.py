"""Who reads and keeps a body's documents, computed from the reader's memberships today.

A document is read by those its `readers` names: the body's members (today, or on the document's
date, and the sitting steering group for the records of the steering groups before it), the
communications network, or all staff. The body's officers (chair, vice chair, secretary, leader)
keep its archive: they add documents, new versions and links."""
from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from governance.authority import facts, today
from governance.bodies.models import Body, Membership
from governance.bodies.rules import is_in_network, is_officer_of_body, sits_in_steering_group

from .models import Document


def _reads(user, document: Document) -> bool:
    if document.readers == Document.Readers.STAFF:
        return True
    f, day = facts(user), today()
    if document.readers == Document.Readers.NETWORK and is_in_network(user):
        return True
    for seat in f.seats_in([document.body_id]):
        if seat.on(day) or seat.on(document.dated):
            return True
    body = document.body
    return body.kind == Body.Kind.STEERING_GROUP and (body.year or 0) <= day.year and sits_in_steering_group(user)


@rules.predicate
def reads_document(user, document: Document | None) -> bool:
    return document is not None and user.is_authenticated and user.is_active and _reads(user, document)


@rules.predicate
def keeps_document(user, document: Document | None) -> bool:
    return document is not None and is_officer_of_body(user, document.body)


rules.add_perm("governance.view_document", reads_document)
rules.add_perm("governance.change_document", keeps_document)
# The object is the body whose archive receives the document.
rules.add_perm("governance.add_document", is_officer_of_body)


def visible_documents(user, documents: QuerySet[Document]) -> QuerySet[Document]:
    """`documents` narrowed to exactly those `governance.view_document` allows `user` (one filter)."""
    if not user.is_authenticated or not user.is_active:
        return documents.none()
    if user.is_superuser:
        return documents
    f, day = facts(user), today()
    allowed = Q(readers=Document.Readers.STAFF)
    if is_in_network(user):
        allowed |= Q(readers=Document.Readers.NETWORK)
    for seat in f.seats:
        on_date = Q(body_id=seat.body_id, dated__gte=seat.start)
        if seat.end is not None:
            on_date &= Q(dated__lte=seat.end)
        allowed |= on_date
        if seat.on(day):
            allowed |= Q(body_id=seat.body_id)
    if sits_in_steering_group(user):
        allowed |= Q(body__kind=Body.Kind.STEERING_GROUP, body__year__lte=day.year)
    return documents.filter(allowed)


def kept_bodies(user) -> QuerySet[Body]:
    """The bodies whose archive `user` keeps today (adds documents to)."""
    if user.is_superuser:
        return Body.objects.order_by("kind", "-year", "name")
    day = today()
    ids = {s.body_id for s in facts(user).seats_on(day, positions=Membership.OFFICER_POSITIONS)}
    return Body.objects.filter(pk__in=ids).order_by("kind", "-year", "name")
