"""Reads of the web management group, its meeting quota and the working and reference groups."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.meetings.models import Meeting

from ..models import (
    StatusReport,
    WorkingGroup,
)

REQUIRED_MEETINGS = 4  # the web management group should meet at least four times a year …
REQUIRED_JOINT_MEETINGS = 1  # … at least once jointly with the steering group



# --- The web management group and its meetings --------------------------------------------------------
def web_management_group(year: int) -> Body | None:
    return Body.objects.filter(kind=Body.Kind.WEB_MANAGEMENT_GROUP, year=year).first()


def group_members(body: Body, *, on: dt.date) -> QuerySet[Membership]:
    return (
        Membership.objects.active_on(on).filter(body=body)
        .select_related("user", "user__organisation", "organisation")
        .order_by("position", "user__last_name", "user__first_name")
    )


def decisions(*, limit: int = 20):
    from ..models import SteeringDecision

    return SteeringDecision.objects.select_related("recorded_by", "steering_group", "assignment__user",
                                                   "assignment__role", "body").order_by("-decided_on", "-pk")[:limit]


@dataclass
class MeetingCompliance:
    year: int
    held: int
    scheduled: int
    joint_held: int
    joint_scheduled: int
    at_risk: bool
    meetings: list = field(default_factory=list)
    required: int = REQUIRED_MEETINGS

    @property
    def complies(self) -> bool:
        return self.held >= self.required and self.joint_held >= REQUIRED_JOINT_MEETINGS

    @property
    def summary(self) -> str:
        """E.g. "2 of 4 held, no joint meeting scheduled"."""
        text = _("%(held)d of %(required)d held") % {"held": self.held, "required": self.required}
        if self.scheduled:
            text += ", " + ngettext("%(n)d more scheduled", "%(n)d more scheduled", self.scheduled) % {
                "n": self.scheduled}
        if self.joint_held:
            text += ", " + _("joint meeting with the steering group held")
        elif self.joint_scheduled:
            text += ", " + _("joint meeting with the steering group scheduled")
        else:
            text += ", " + _("no joint meeting scheduled")
        return text


def _cutoff(day: dt.date) -> dt.datetime:
    """Meetings that ended before this moment are held: now, when `day` is today; otherwise the
    start of `day` (so a check "as of" another day is deterministic)."""
    if day == today():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def meeting_compliance(year: int, day: dt.date | None = None) -> MeetingCompliance:
    """How the year's web management group meets its quota: at least four meetings a year, at
    least one jointly with the steering group (one query: the group's meetings of the year, each
    marked whether the year's steering group takes part)."""
    day = day or today()
    through = Meeting.joint_bodies.through

    def involves(kind: str) -> Q:
        """The meeting is held by, or jointly with, the year's body of `kind`."""
        return Q(body__kind=kind, body__year=year) | Q(Exists(through.objects.filter(
            meeting_id=OuterRef("pk"), body__kind=kind, body__year=year)))

    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    meetings = list(
        Meeting.objects.filter(involves(Body.Kind.WEB_MANAGEMENT_GROUP), start__gte=start, start__lt=end)
        .annotate(is_joint_with_steering=Case(When(involves(Body.Kind.STEERING_GROUP), then=Value(True)),
                                              default=Value(False), output_field=BooleanField()))
        .order_by("start", "pk")
    )
    cutoff = _cutoff(day)
    held = scheduled = joint_held = joint_scheduled = 0
    for m in meetings:
        joint = m.is_joint_with_steering
        if m.end < cutoff:
            held += 1
            joint_held += joint
        else:
            scheduled += 1
            joint_scheduled += joint
    return MeetingCompliance(
        year=year, held=held, scheduled=scheduled, joint_held=joint_held, joint_scheduled=joint_scheduled,
        at_risk=_at_risk(year, day, held, scheduled, joint_held + joint_scheduled), meetings=meetings,
    )


def _at_risk(year: int, day: dt.date, held: int, scheduled: int, joint: int) -> bool:
    """The rest of the year makes the quota at risk when the meetings still to arrange (neither
    held nor scheduled; a missing joint meeting counts as one) need every whole month left after
    this one, or more — one meeting a month is what a group can arrange. A past year is at risk
    (failed) when it fell short; a future year is not yet at risk."""
    to_arrange = max(REQUIRED_MEETINGS - held - scheduled, 0)
    if joint < REQUIRED_JOINT_MEETINGS:
        to_arrange = max(to_arrange, 1)
    if day.year > year:
        return held < REQUIRED_MEETINGS or joint < REQUIRED_JOINT_MEETINGS
    if day.year < year:
        return False
    months_left = 12 - day.month
    return to_arrange > 0 and to_arrange >= months_left


def quota_at_risk(year: int, today: dt.date) -> bool:
    """Does the rest of `year`, seen from `today`, put the web management group's meeting quota
    (four a year, one joint with the steering group) at risk? The reminder task calls this."""
    return meeting_compliance(year, today).at_risk


# --- Working and reference groups -------------------------------------------------------------------
def working_groups(*, on: dt.date | None = None) -> QuerySet[WorkingGroup]:
    """The groups running on a day, with their leaders (two queries)."""
    day = on or today()
    leaders = Membership.objects.active_on(day).filter(position=Membership.Position.LEADER).select_related("user")
    return (
        WorkingGroup.objects.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))
        .select_related("body", "body__parent")
        .prefetch_related(Prefetch("body__memberships", queryset=leaders, to_attr="leaders"))
        .order_by("body__kind", "body__name")
    )


def status_reports(group: WorkingGroup) -> QuerySet[StatusReport]:
    return group.reports.select_related("author").order_by("-created_at", "-pk")


def recent_status_reports(*, limit: int = 5) -> QuerySet[StatusReport]:
    return StatusReport.objects.select_related("author", "group__body").order_by("-created_at", "-pk")[:limit]
