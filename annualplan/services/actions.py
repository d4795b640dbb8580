"""Linking an action from the minutes to the plan activity it carries out (and undoing it): for
those who follow the activity up (its responsible person, the sitting steering group)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.audit import audited_delete, audited_save
from governance.authority import require
from governance.meetings.rules import visible_meetings

from ..models import Activity, ActivityAction


def _require(actor, activity: Activity) -> None:
    require(actor, "annualplan.link_action", activity,
            message=_("Only the activity's responsible person and the steering group link actions to it."))


def linkable_actions(user, activity: Activity):
    """The open actions of the meetings `user` sees that are not linked to `activity` yet."""
    from governance.meetings.models import ActionItem, Meeting

    return (ActionItem.objects.filter(status=ActionItem.Status.OPEN,
                                      meeting__in=visible_meetings(user, Meeting.objects.all()))
            .exclude(activity_links__activity=activity).select_related("owner", "meeting").order_by("due", "pk"))


@transaction.atomic
def activity_link_action(*, activity: Activity, action_item, actor) -> ActivityAction:
    _require(actor, activity)
    if not linkable_actions(actor, activity).filter(pk=action_item.pk).exists():
        raise ValidationError({"action_item": _("Choose an open action from a meeting you take part in.")})
    link = ActivityAction(activity=activity, action_item=action_item, linked_by=actor)
    audited_save(link, actor=actor, reason="action linked to the activity")
    return link


@transaction.atomic
def activity_unlink_action(*, link: ActivityAction, actor) -> None:
    _require(actor, link.activity)
    audited_delete(link, actor=actor, reason="action unlinked from the activity")
