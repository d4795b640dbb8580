"""Read receipts: which policies are to be read, by whom and who follows up (the steering group or
the web development lead); confirming the current version (the people it concerns today); reminding
those who have not (its owner), once a day."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency
from governance.audit import audited_save
from governance.authority import require, today
from governance.notifications.services import notification_send
from governance.people.models import User
from governance.texts import Text

from .. import notifications as kinds
from ..models import Policy, ReadConfirmation


@transaction.atomic
def policy_reading_set(*, policy: Policy, to_be_read: bool, audience: str, owner: User | None,
                       version: int | None, actor: User | None) -> Policy:
    """Mark a policy "to be read" (or no longer), by whom, and its owner. Audited."""
    if actor is not None:
        require(actor, "webadmin.set_policy_reading", policy,
                message=_("Only the steering group and the web development lead decide which policies are to be "
                          "read."))
    policy = concurrency.locked(policy)
    concurrency.check_version(policy, version)
    if audience and audience not in Policy.Audience.values:
        raise ValidationError({"audience": _("Choose whom it is to be read by from the list.")})
    policy.to_be_read, policy.audience, policy.owner = to_be_read, audience or "", owner
    policy.version += 1
    return audited_save(policy, actor=actor, reason="to be read" if to_be_read else "not to be read")


@transaction.atomic
def policy_read_confirm(*, policy: Policy, number: int, actor: User) -> tuple[ReadConfirmation, bool]:
    """`actor` confirms having read and understood version `number`, which must be the current one
    (a version adopted since the page was opened is read first). Confirming twice keeps the first."""
    require(actor, "webadmin.confirm_reading", policy,
            message=_("This policy or guideline does not ask you to confirm that you have read it."))
    policy = concurrency.locked(policy)
    current = policy.versions.order_by("-number").first()
    if not policy.to_be_read or current is None:
        raise ValidationError(_("This policy or guideline is not to be confirmed as read."))
    if number != current.number:
        raise ValidationError(_("Version %(n)d is in force now, adopted after the one you read: read it and "
                                "confirm again.") % {"n": current.number})
    found = ReadConfirmation.objects.filter(policy_version=current, user=actor).first()
    if found is not None:
        return found, False
    return audited_save(ReadConfirmation(policy_version=current, user=actor), actor=actor, reason="read"), True


@transaction.atomic
def policy_reading_remind(*, policy: Policy, actor: User | None) -> int:
    """Remind each person the policy concerns today who has not confirmed its current version; a
    second reminder the same day sends nothing more (the day is the occasion). Returns how many
    reminders were sent."""
    from django.urls import reverse

    from ..selectors.reading import reading_follow_up

    if actor is not None:
        require(actor, "webadmin.follow_reading", policy,
                message=_("Only the policy's owner follows up who has read it."))
    day = today()
    follow_up = reading_follow_up(policy, on=day)
    if follow_up.version is None or not policy.to_be_read:
        raise ValidationError(_("This policy or guideline is not to be confirmed as read."))
    sent = 0
    for person in follow_up.missing:
        _notification, created = notification_send(
            kind=kinds.POLICY_READING, recipient=person, target=follow_up.version,
            occasion=f"reading-{day.isoformat()}",
            subject=Text(gettext_lazy("Read and confirm: %(title)s"), title=policy.title),
            body=Text(gettext_lazy("Please read version %(n)s of %(title)s and confirm on its page that you have "
                                   "read and understood it."), n=follow_up.version.number, title=policy.title),
            url=reverse("webadmin:policy_detail", kwargs={"pk": policy.pk}),
        )
        sent += created
    return sent
