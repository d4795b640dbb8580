"""The handbook and FAQ, policies and the web management's reminders."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency, dates
from governance.audit import audited_save
from governance.authority import require
from governance.notifications.services import notification_send
from governance.people.models import User
from governance.texts import Text

from .. import notifications as kinds
from ..models import (
    HandbookPage,
    Policy,
    PolicyVersion,
    SteeringDecision,
)
from .common import _decision


# --- Handbook and FAQ ------------------------------------------------------------------------------
@transaction.atomic
def page_create(*, kind: str, audience: str, title: str, slug: str, body: str, actor: User | None,
                sort_order: int = 0) -> HandbookPage:
    if actor is not None:
        require(actor, "webadmin.edit_handbook", message=_("Only the support owner and the editorial manager write the "
                                                   "handbook and FAQ."))
    page = HandbookPage(kind=kind, audience=audience, title=title, slug=slug, body=body, sort_order=sort_order,
                        updated_by=actor if getattr(actor, "pk", None) else None)
    return audited_save(page, actor=actor, reason="created")


@transaction.atomic
def page_update(*, page: HandbookPage, version: int | None, actor: User | None, **fields) -> HandbookPage:
    """Save a new version of a page (kind, audience, title, slug, body, sort_order)."""
    if actor is not None:
        require(actor, "webadmin.edit_handbook", message=_("Only the support owner and the editorial manager write the "
                                                   "handbook and FAQ."))
    page = HandbookPage.objects.select_for_update().get(pk=page.pk)
    concurrency.check_version(page, version)
    for name in ("kind", "audience", "title", "slug", "body", "sort_order"):
        if name in fields:
            setattr(page, name, fields[name])
    page.version += 1
    page.updated_by = actor if getattr(actor, "pk", None) else None
    return audited_save(page, actor=actor, reason="edited")


@transaction.atomic
def page_set_status(*, page: HandbookPage, status: str, actor: User | None) -> HandbookPage:
    """Publish a draft, or take a published page back to draft."""
    if actor is not None:
        require(actor, "webadmin.edit_handbook", message=_("Only the support owner and the editorial manager publish the "
                                                   "handbook and FAQ."))
    page = HandbookPage.objects.select_for_update().get(pk=page.pk)
    if status not in HandbookPage.Status.values:
        raise ValidationError(_("Unknown status."))
    HandbookPage.WORKFLOW.move(page, status)
    if status == HandbookPage.Status.PUBLISHED:
        page.published_at = timezone.now()
    page.version += 1
    return audited_save(page, actor=actor, reason=status)


# --- Policies -----------------------------------------------------------------------------------------
@transaction.atomic
def policy_adopt(*, title: str, kind: str, body: str, decided_on: dt.date, actor: User | None) -> Policy:
    """The steering group adopts a new policy or guideline (version 1, with the decision date)."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group adopts policies and guidelines."))
    policy = audited_save(Policy(title=title, kind=kind), actor=actor, reason="adopted")
    policy_version_adopt(policy=policy, body=body, decided_on=decided_on, actor=actor)
    return policy


@transaction.atomic
def policy_version_adopt(*, policy: Policy, body: str, decided_on: dt.date, actor: User | None) -> PolicyVersion:
    """The steering group adopts a new version of a policy; earlier versions stay readable."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group adopts policies and guidelines."))
    dates.decided_on(decided_on)  # a version in force from a future day is not yet a decision
    Policy.objects.select_for_update().filter(pk=policy.pk).first()
    latest = policy.versions.order_by("-number").first()
    if latest is not None and decided_on < latest.decision.decided_on:
        raise ValidationError(_("A new version cannot be decided before the current one (%(date)s).")
                              % {"date": latest.decision.decided_on})
    number = (latest.number if latest else 0) + 1
    decision = _decision(kind=SteeringDecision.Kind.POLICY, decided_on=decided_on, actor=actor,
                         summary=policy_adopted_text(policy.title, number))
    return audited_save(PolicyVersion(policy=policy, number=number, body=body, decision=decision), actor=actor,
                        reason="version adopted")


def policy_adopted_text(title: str, number: int) -> Text:
    return Text(gettext_lazy("%(title)s, version %(n)d adopted."), title=title, n=number)


# --- Reminders (idempotent through notification_send; the meeting-quota reminder is webadmin.tasks) ----
def yearly_meeting_remind(*, today: dt.date) -> int:
    """Remind every member organisation's information manager and the web development lead of the
    yearly meeting of the member organisations' representatives — once a year. Returns how many
    reminders were created."""
    from django.urls import reverse

    from ..selectors import yearly_meeting_reminder

    reminder = yearly_meeting_reminder(today)
    when = (Text(gettext_lazy("on %(date)s"), date=reminder.meeting.date.isoformat())
            if reminder.meeting and reminder.meeting.date else gettext_lazy("(not yet planned)"))
    created = 0
    for person in reminder.recipients:
        _notification, new = notification_send(
            kind=kinds.WEB_MEETINGS, recipient=person, target=reminder.meeting, occasion=reminder.occasion,
            subject=Text(gettext_lazy("The member organisations' yearly web meeting %(year)s"), year=reminder.year),
            body=Text(gettext_lazy("All member organisations' representatives meet at least once a year on the web "
                                   "plan, the budget, the fee and the ambition level: this year's meeting %(when)s."),
                      when=when),
            url=reverse("webadmin:platform_list"),
        )
        created += new
    return created
