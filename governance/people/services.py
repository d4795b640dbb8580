"""Deputies (ersättare): an information manager names a person of their organisation to exercise
one of the organisation's rights for a period — answer the plan consultation, cast the ballot,
register for the conference. The mandate ends by itself on its last day (rights are computed from
the dates); it may be revoked or shortened earlier. Every step is audited and both people are told."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency
from governance.audit import audited_save
from governance.authority import require, today
from governance.memo import forget
from governance.notifications import kinds
from governance.notifications.services import notification_send
from governance.people.models import Delegation, Organisation, User
from governance.texts import Text, lower

MAX_DAYS = 366


def _scope_permission(scope: str) -> Permission:
    if scope not in Delegation.SCOPES:
        raise ValidationError({"permission": _("Choose what the deputy may do.")})
    return Permission.objects.get(content_type__app_label="governance", codename=scope)


def _tell(delegation: Delegation, occasion: str, subject: Text) -> None:
    for person in {delegation.user, delegation.granted_by}:
        notification_send(kind=kinds.MEMBERSHIP, recipient=person, target=delegation, occasion=occasion,
                          subject=subject, url="/")


@transaction.atomic
def delegation_grant(*, organisation: Organisation, deputy: User, scope: str, reason: str, start: dt.date,
                     end: dt.date, actor: User) -> Delegation:
    """Name `deputy` to act for `organisation` in `scope` from `start` to `end` (inclusive)."""
    require(actor, "governance.delegate_organisation", organisation,
            message=_("Only %(org)s's information manager names its deputies.") % {"org": organisation.short_name})
    permission = _scope_permission(scope)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    errors = {}
    if deputy.organisation_id != organisation.pk:
        errors["user"] = _("A deputy is a person of %(org)s.") % {"org": organisation.short_name}
    elif not deputy.is_active:
        errors["user"] = _("%(person)s's account is not active.") % {"person": deputy}
    elif deputy.pk == actor.pk:
        errors["user"] = _("You cannot name yourself your deputy.")
    if not (reason or "").strip():
        errors["reason"] = _("Say why the deputy is needed (e.g. parental leave, the conference week).")
    if start and start < today():
        errors["start"] = _("A mandate cannot begin in the past.")
    if start and end and end < start:
        errors["end"] = _("The end date must not be before the start date.")
    elif start and end and (end - start).days >= MAX_DAYS:
        errors["end"] = _("A mandate lasts at most a year; name the deputy again after that.")
    if errors:
        raise ValidationError(errors)
    delegation = Delegation(content_object=organisation, user=deputy, permission=permission, granted_by=actor,
                            reason=reason.strip(), start=start, end=end)
    audited_save(delegation, actor=actor, reason="deputy named")
    forget()
    _tell(delegation, "granted", Text(
        gettext_lazy("%(person)s is deputy for %(org)s: %(what)s, %(start)s–%(end)s"),
        person=str(deputy), org=organisation.short_name, what=lower(Delegation.SCOPE_LABELS[scope]),
        start=start.isoformat(), end=end.isoformat()))
    return delegation


def _lock(delegation: Delegation, actor: User) -> Delegation:
    delegation = concurrency.locked(delegation, "content_object")
    require(actor, "governance.delegate_organisation", delegation.content_object,
            message=_("Only %(org)s's information manager ends its deputies' mandates.")
            % {"org": delegation.content_object.short_name})
    return delegation


@transaction.atomic
def delegation_revoke(*, delegation: Delegation, actor: User) -> Delegation:
    """End the mandate now."""
    delegation = _lock(delegation, actor)
    if delegation.revoked_at is None:
        delegation.revoked_at, delegation.revoked_by = timezone.now(), actor
        audited_save(delegation, actor=actor, reason="mandate revoked")
        forget()
        _tell(delegation, "revoked", Text(gettext_lazy("The deputy's mandate for %(org)s has ended"),
                                          org=delegation.content_object.short_name))
    return delegation


@transaction.atomic
def delegation_shorten(*, delegation: Delegation, end: dt.date, actor: User) -> Delegation:
    """Let the mandate end earlier (never later: a longer one is a new decision)."""
    delegation = _lock(delegation, actor)
    if end is None or end > delegation.end:
        raise ValidationError({"end": _("A mandate can be shortened, not extended: name the deputy again.")})
    if end < delegation.start or end < today():
        raise ValidationError({"end": _("To end the mandate now, revoke it.")})
    delegation.end = end
    audited_save(delegation, actor=actor, reason="mandate shortened")
    forget()
    return delegation
