"""Object permissions (django-guardian), derived from memberships — never granted by hand.

Each app has one `sync()` that computes the permission rows its roles imply today and makes the
database match (`sync_object_permissions`). `sync_all()` runs every app's sync; the services that
change memberships call it, and a periodic task runs it at each term change. Views and services
ask questions through the `can_*` functions, which read `user.has_perm(perm, obj)`.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.module_loading import import_string
from guardian.utils import get_user_obj_perms_model

from .models import Body, Membership, Organisation

log = logging.getLogger("samordna.permissions")

Row = tuple[int, str, int]  # (user id, permission codename, object pk)


@transaction.atomic
def sync_object_permissions(model: type[models.Model], codenames: Iterable[str], desired: set[Row]) -> tuple[int, int]:
    """Make the user object-permission rows of `model` for `codenames` exactly `desired`.
    Idempotent: a second run with the same roles changes nothing. Returns (added, removed)."""
    codenames = set(codenames)
    perm_model = get_user_obj_perms_model(model)
    ct = ContentType.objects.get_for_model(model)
    perms = {p.codename: p for p in Permission.objects.filter(content_type=ct, codename__in=codenames)}
    missing = codenames - perms.keys()
    if missing:
        raise ValueError(f"Unknown permissions for {model._meta.label}: {sorted(missing)}")
    existing_rows = perm_model.objects.filter(permission__in=perms.values()).values_list(
        "pk", "user_id", "permission__codename", "content_object_id"
    )
    existing = {(u, c, o): pk for pk, u, c, o in existing_rows}
    to_remove = [pk for row, pk in existing.items() if row not in desired]
    to_add = [row for row in desired if row not in existing]
    if to_remove:
        perm_model.objects.filter(pk__in=to_remove).delete()
    perm_model.objects.bulk_create(
        [perm_model(user_id=u, permission=perms[c], content_object_id=o) for u, c, o in to_add]
    )
    if to_add or to_remove:
        log.info("%s: %d permissions granted, %d revoked", model._meta.label, len(to_add), len(to_remove))
    return len(to_add), len(to_remove)


def sync(*, on: dt.date) -> None:
    """Governance's roles: an information manager manages their organisation; a body's members
    view it; its officers (chair, vice chair, secretary, leader) manage its meetings and minutes."""
    active = Membership.objects.active_on(on)
    org_rows = {
        (user_id, "manage_organisation", org_id)
        for user_id, org_id in active.filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK).values_list(
            "user_id", "organisation_id"
        )
    }
    sync_object_permissions(Organisation, ["manage_organisation"], org_rows)
    body_rows: set[Row] = set()
    for user_id, body_id, position in active.values_list("user_id", "body_id", "position"):
        body_rows.add((user_id, "view_body", body_id))
        if position in Membership.OFFICER_POSITIONS:
            body_rows.add((user_id, "manage_body", body_id))
    sync_object_permissions(Body, ["view_body", "manage_body"], body_rows)


@transaction.atomic
def sync_all(*, on: dt.date | None = None) -> None:
    """Run every app's permission sync (settings.PERMISSION_SYNCS) for day `on` (default today)."""
    from .selectors import today

    day = on or today()
    for path in settings.PERMISSION_SYNCS:
        import_string(path)(on=day)


# --- Questions ---------------------------------------------------------------------------------
def can_manage_organisation(user, organisation: Organisation) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("governance.manage_organisation", organisation))


def can_view_body(user, body: Body) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("governance.view_body", body))


def can_manage_body(user, body: Body) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("governance.manage_body", body))


# --- Meetings and minutes: they follow their bodies (a joint meeting, any of its bodies) ---------
def can_view_meeting(user, meeting) -> bool:
    """Members of any of the meeting's bodies (and their officers) see it, with its attachments."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(
        user.has_perm("governance.view_body", b) or user.has_perm("governance.manage_body", b) for b in meeting.bodies
    )


def can_manage_meeting(user, meeting) -> bool:
    """The officers of any of the meeting's bodies: edit, attendance, attachments, minutes."""
    return user.is_authenticated and (
        user.is_superuser or any(user.has_perm("governance.manage_body", b) for b in meeting.bodies)
    )


def can_view_minutes(user, minutes) -> bool:
    """Published minutes are for the whole network; drafts only for those who manage the meeting."""
    if not user.is_authenticated:
        return False
    return minutes.is_published or can_manage_meeting(user, minutes.meeting)
