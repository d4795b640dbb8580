"""Reads for the web management. Each returns a QuerySet (with its joins and an explicit order) or a
small dataclass built from a bounded number of queries."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.models import Body, Meeting, Membership, Organisation, User
from governance.money import compensation_for
from governance.selectors import chair_of, steering_group, today

from .models import (
    FeatureRequest,
    HandbookPage,
    Policy,
    PolicyVersion,
    RepresentativesMeeting,
    Role,
    RoleAssignment,
    StatusReport,
    WebCooperation,
    WebPlatform,
    WorkingGroup,
)

REQUIRED_MEETINGS = 4  # the web management group should meet at least four times a year …
REQUIRED_JOINT_MEETINGS = 1  # … at least once jointly with the steering group


# --- Roles --------------------------------------------------------------------------------------------
def roles() -> QuerySet[Role]:
    return Role.objects.order_by("sort_order", "code")


def role(code: str) -> Role:
    return Role.objects.get(code=code)


def assignments_on(day: dt.date) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.active_on(day)
        .select_related("role", "user", "user__organisation", "organisation")
        .order_by("role__sort_order", "start", "pk")
    )


def assignments_of(user: User, *, on: dt.date | None = None) -> QuerySet[RoleAssignment]:
    return assignments_on(on or today()).filter(user=user)


def web_lead(*, on: dt.date | None = None) -> RoleAssignment | None:
    """The web development lead's assignment on a day."""
    return assignments_on(on or today()).filter(role__code=Role.Code.WEB_LEAD).first()


def role_holders(code: str, *, on: dt.date | None = None) -> list[User]:
    return [a.user for a in assignments_on(on or today()).filter(role__code=code)]


@dataclass
class ProcessOwner:
    """The process owner: the organisation whose information manager chairs the steering group."""

    organisation: Organisation
    person: User
    steering_group: Body


def process_owner(*, on: dt.date | None = None) -> ProcessOwner | None:
    """Derived, never typed: follows the chair of the steering group of `on`'s year."""
    day = on or today()
    group = steering_group(day.year)
    chair = chair_of(group, on=day)
    if chair is None:
        return None
    return ProcessOwner(organisation=chair.organisation, person=chair.user, steering_group=group)


@dataclass
class SystemAdministrator:
    """Västra Götaland through the IT unit, its contact persons and the Helpdesk."""

    organisation: Organisation | None
    run_by: Organisation | None
    contacts: list[RoleAssignment]
    helpdesk: str


def system_administrator(*, on: dt.date | None = None) -> SystemAdministrator:
    it_unit = Organisation.objects.select_related("parent").filter(kind=Organisation.Kind.IT_UNIT).first()
    contacts = list(assignments_on(on or today()).filter(role__code=Role.Code.SYSTEM_ADMINISTRATOR))
    return SystemAdministrator(
        organisation=it_unit,
        run_by=it_unit.parent if it_unit else None,
        contacts=contacts,
        helpdesk=WebCooperation.get().helpdesk,
    )


@dataclass
class RoleStatus:
    role: Role
    assignments: list[RoleAssignment] = field(default_factory=list)
    process_owner: ProcessOwner | None = None

    @property
    def vacant(self) -> bool:
        if self.role.is_derived:
            return self.process_owner is None
        return not self.assignments


def role_overview(*, on: dt.date | None = None) -> list[RoleStatus]:
    """Every role of the catalogue with who holds it on a day (three or four queries)."""
    day = on or today()
    by_role: dict[int, list[RoleAssignment]] = {}
    for a in assignments_on(day):
        by_role.setdefault(a.role_id, []).append(a)
    owner = process_owner(on=day)
    return [
        RoleStatus(role=r, assignments=by_role.get(r.pk, []), process_owner=owner if r.is_derived else None)
        for r in roles()
    ]


def vacant_roles(*, on: dt.date | None = None) -> list[Role]:
    """The roles of role_overview that are vacant on a day, without loading the assignments: a
    role nobody holds, or the process owner when no steering group chair gives one."""
    day = on or today()
    held = set(RoleAssignment.objects.active_on(day).values_list("role_id", flat=True).order_by())
    vacant: list[Role] = []
    owner: ProcessOwner | None = None
    owner_read = False
    for r in roles():
        if r.is_derived:
            if not owner_read:
                owner, owner_read = process_owner(on=day), True
            if owner is None:
                vacant.append(r)
        elif r.pk not in held:
            vacant.append(r)
    return vacant


def _within_year(start: dt.date, end: dt.date | None, year: int) -> tuple[dt.date, dt.date, int, Fraction]:
    """The part of `year` an assignment from `start` to `end` (None: open) covers: its first and
    last day within the year, the number of days and that number as an exact part of the year."""
    first, last = max(start, dt.date(year, 1, 1)), min(end or dt.date(year, 12, 31), dt.date(year, 12, 31))
    days = (last - first).days + 1
    return first, last, days, Fraction(days, 366 if calendar.isleap(year) else 365)


def _annual_share(share: Decimal, part: Fraction) -> Decimal:
    """The share weighted by the part of the year, to four decimals (shown; the compensation is
    computed from the exact part, not from this)."""
    exact = Fraction(share) * part
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


@dataclass(frozen=True)
class RoleCost:
    """One assignment's size and cost within a year, as plain values: `share` of full time while it
    runs, `annual_share` the share weighted by the part of the year it covers, and `compensation`
    what the plan pays the holder's organisation for that year: salary cost × share × days covered
    / days in the year × (1 + social fee rate), rounded half up to öre once
    (governance.money.compensation_for)."""

    pk: int
    role_code: str
    person: str
    organisation_id: int
    organisation: str
    organisation_sort_order: int
    start: dt.date
    end: dt.date
    days: int
    share: Decimal
    annual_share: Decimal
    salary_cost: Decimal
    social_fee_rate: Decimal
    compensation: Decimal

    @property
    def role(self) -> str:
        return str(Role.Code(self.role_code).label)


def role_costs(year: int) -> list[RoleCost]:
    """The role assignments that run during `year` with their annual share and compensation, by
    organisation, role and start (one query, values): what annualplan pays for the web roles."""
    rows = []
    for a in (
        RoleAssignment.objects.overlapping(dt.date(year, 1, 1), dt.date(year, 12, 31))
        .order_by("organisation__sort_order", "role__sort_order", "start", "pk")
        .values("pk", "role__code", "user__username", "user__first_name", "user__last_name", "organisation_id",
                "organisation__short_name", "organisation__sort_order", "start", "end", "share", "salary_cost",
                "social_fee_rate")
    ):
        start, end, days, part = _within_year(a["start"], a["end"], year)
        # As User.__str__ shows the person: the full name, or the username.
        person = f"{a['user__first_name']} {a['user__last_name']}".strip() or a["user__username"]
        rows.append(RoleCost(
            pk=a["pk"], role_code=a["role__code"], person=person, organisation_id=a["organisation_id"],
            organisation=a["organisation__short_name"], organisation_sort_order=a["organisation__sort_order"],
            start=start, end=end, days=days, share=a["share"], annual_share=_annual_share(a["share"], part),
            salary_cost=a["salary_cost"], social_fee_rate=a["social_fee_rate"],
            compensation=compensation_for(a["salary_cost"], a["share"], a["social_fee_rate"], part_of_year=part),
        ))
    return rows


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
    from .models import SteeringDecision

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
    least one jointly with the steering group (three queries)."""
    day = day or today()
    wmg = web_management_group(year)
    meetings: list[Meeting] = []
    if wmg is not None:
        start = timezone.make_aware(dt.datetime(year, 1, 1))
        end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
        meetings = list(
            Meeting.objects.for_bodies([wmg.pk]).filter(start__gte=start, start__lt=end)
            .select_related("body").prefetch_related("joint_bodies").order_by("start", "pk")
        )
    sg = steering_group(year) if meetings else None
    cutoff = _cutoff(day)
    held = scheduled = joint_held = joint_scheduled = 0
    for m in meetings:
        joint = sg is not None and sg.pk in m.body_ids and wmg.pk in m.body_ids
        m.is_joint_with_steering = joint
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


# --- Feature requests ----------------------------------------------------------------------------------
def _requests() -> QuerySet[FeatureRequest]:
    return FeatureRequest.objects.select_related("submitted_by", "organisation").annotate(
        support_count=Count("supports", distinct=True)
    )


def backlog() -> QuerySet[FeatureRequest]:
    """The ranked backlog: accepted requests up to those in test, best rank first."""
    return _requests().filter(status__in=FeatureRequest.BACKLOG).order_by(
        "rank", "created_at", "pk"
    )


def requests(*, status: str | None = None) -> QuerySet[FeatureRequest]:
    qs = _requests()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def requests_to_triage() -> QuerySet[FeatureRequest]:
    return requests(status=FeatureRequest.Status.NEW)


def request_detail(pk: int) -> FeatureRequest:
    return (
        _requests()
        .prefetch_related("attachments", Prefetch("supports", queryset=_supports()))
        .get(pk=pk)
    )


def _supports():
    from .models import FeatureSupport

    return FeatureSupport.objects.select_related("organisation", "user").order_by("created_at", "pk")


def request_history(request: FeatureRequest):
    return request.history.select_related("history_user").order_by("-history_date", "-history_id")


def supported_request_ids(organisation: Organisation, request_ids) -> set[int]:
    from .models import FeatureSupport

    return set(
        FeatureSupport.objects.filter(organisation=organisation, request_id__in=list(request_ids))
        .values_list("request_id", flat=True)
    )


# --- Handbook, FAQ, policies ---------------------------------------------------------------------------
def pages(*, include_drafts: bool = False, query: str = "", kind: str = "") -> QuerySet[HandbookPage]:
    """Handbook and FAQ pages; published only unless the reader may edit. A simple search over
    title and text."""
    qs = HandbookPage.objects.select_related("updated_by")
    if not include_drafts:
        qs = qs.filter(status=HandbookPage.Status.PUBLISHED)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(body__icontains=query))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "sort_order", "title")


def page_versions(page: HandbookPage):
    return page.history.select_related("history_user").order_by("-history_date", "-history_id")


def policies() -> QuerySet[Policy]:
    versions = PolicyVersion.objects.select_related("decision").order_by("-number")
    return Policy.objects.prefetch_related(Prefetch("versions", queryset=versions)).order_by("kind", "title")


# --- Platforms and the yearly meeting ----------------------------------------------------------------
def platforms() -> QuerySet[WebPlatform]:
    return WebPlatform.objects.order_by("kind", "name", "environment")


def representatives_meeting(year: int) -> RepresentativesMeeting | None:
    return RepresentativesMeeting.objects.filter(year=year).first()


@dataclass
class YearlyMeetingReminder:
    """What the once-a-year reminder of the member organisations' meeting needs: the meeting (or
    None when it is not yet planned), who to remind (each member organisation's information
    manager, and the web development lead) and the occasion key that makes it once a year."""

    year: int
    meeting: RepresentativesMeeting | None
    recipients: list[User]
    occasion: str


def yearly_meeting_reminder(day: dt.date | None = None) -> YearlyMeetingReminder:
    day = day or today()
    recipients: dict[int, User] = {}
    for m in (
        Membership.objects.active_on(day).filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK)
        .select_related("user").order_by("organisation__sort_order")
    ):
        recipients.setdefault(m.user_id, m.user)
    lead = web_lead(on=day)
    if lead is not None:
        recipients.setdefault(lead.user_id, lead.user)
    return YearlyMeetingReminder(
        year=day.year, meeting=representatives_meeting(day.year), recipients=list(recipients.values()),
        occasion=f"web-representatives-meeting-{day.year}",
    )
