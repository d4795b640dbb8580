"""Reads for the operating plan: the acting steering group, plans and activities, consultation,
votes, follow-up, the staff compensation (also for the fees app). Each returns rows with their
joins and an explicit order; a page's queries do not grow with its rows."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.bodies.selectors import information_managers
from governance.money import ORE
from governance.people.models import Organisation, User
from governance.people.selectors import fee_payers
from webadmin.selectors import RoleCost, role_costs

from ..models import (
    Activity,
    ConsultationAnswer,
    FollowUp,
    Plan,
    PlanDecision,
    PlanVote,
    ResourceAssignment,
)
from ..rules import may_act_on_plan

ZERO = Decimal("0.00")


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


# --- The steering group that acts on a plan --------------------------------------------------
def steering_memberships(*, on: dt.date) -> dict[int, list[Membership]]:
    """Steering group memberships active on `on`, by the group's year (one query)."""
    by_year: dict[int, list[Membership]] = defaultdict(list)
    rows = (
        Membership.objects.active_on(on)
        .filter(body__kind=Body.Kind.STEERING_GROUP)
        .select_related("user", "organisation", "body")
        .order_by("position", "user__last_name", "user__first_name")
    )
    for m in rows:
        by_year[m.body.year].append(m)
    return by_year


def plan_steering_members(plan: Plan | int, *, on: dt.date | None = None,
                          memberships: dict[int, list[Membership]] | None = None) -> list[Membership]:
    """The sitting steering group members who act on `plan` on day `on`: the steering group of
    the plan's year when it is sitting; otherwise (a plan drafted in the autumn before its year,
    or closed after it) the steering group sitting that day — the one that drafts and follows up."""
    day = on or today()
    year = plan if isinstance(plan, int) else plan.year
    by_year = memberships if memberships is not None else steering_memberships(on=day)
    return by_year.get(year) or by_year.get(day.year) or []


def plan_chair(plan: Plan, *, on: dt.date | None = None) -> Membership | None:
    return next((m for m in plan_steering_members(plan, on=on) if m.position == Membership.Position.CHAIR), None)


# --- Plans ---------------------------------------------------------------------------------
def plan_list() -> QuerySet[Plan]:
    return Plan.objects.annotate(
        activity_count=Count("activities", distinct=True),
        budget_total=Coalesce(Sum("activities__budget"), ZERO),
    ).order_by("-year")


def plan_activities(plan: Plan) -> QuerySet[Activity]:
    """The plan's activities with everything the plan page shows (a fixed number of queries)."""
    return (
        Activity.objects.filter(plan=plan)
        .select_related("area", "responsible_organisation", "responsible_person")
        .prefetch_related(
            Prefetch("assignments",
                     queryset=ResourceAssignment.objects.select_related("organisation", "person")
                     .order_by("organisation__sort_order", "pk")),
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("quarter")),
            "proposals",
        )
        .order_by("area__sort_order", "sort_order", "pk")
    )


def plan_page_activities(plan: Plan, *, light: str | None = None) -> QuerySet:
    """The plan page's activities in one query, as dicts (no model instances): title, budget, area
    name, responsible organisation and person, the staff compensation (`staff`, the sum of the
    activity's resource assignments) and its latest follow-up (`latest_quarter`, `latest_status`,
    `latest_forecast`, `latest_light` — the activity's current traffic light; None without one).
    `light`: only the activities whose current light it is."""
    latest = FollowUp.objects.filter(activity=OuterRef("pk")).order_by("-quarter")
    staff = (
        ResourceAssignment.objects.filter(activity=OuterRef("pk")).order_by()
        .values("activity").annotate(s=Sum("compensation")).values("s")
    )
    return (
        Activity.objects.filter(plan=plan)
        .annotate(
            staff=Coalesce(Subquery(staff), ZERO),
            latest_quarter=Subquery(latest.values("quarter")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
            latest_forecast=Subquery(latest.values("forecast")[:1]),
            latest_light=Subquery(latest.values("light")[:1]),
        )
        .filter(**({"latest_light": light} if light else {}))
        .order_by("area__sort_order", "sort_order", "pk")
        .values(
            "pk", "title", "budget", "staff", "latest_quarter", "latest_status", "latest_forecast", "latest_light",
            "area__name", "responsible_organisation__short_name", "responsible_person_id",
            "responsible_person__username", "responsible_person__first_name", "responsible_person__last_name",
        )
    )


def plan_totals(plan: Plan) -> dict[str, Decimal]:
    budget = Activity.objects.filter(plan=plan).aggregate(s=Coalesce(Sum("budget"), ZERO))["s"]
    staff = ResourceAssignment.objects.filter(activity__plan=plan).aggregate(
        s=Coalesce(Sum("compensation"), ZERO))["s"]
    return {"budget": Decimal(budget).quantize(ORE), "staff": Decimal(staff).quantize(ORE)}


# --- Consultation -----------------------------------------------------------------------------
@dataclass
class ConsultationRow:
    organisation: Organisation
    manager: User | None
    answer: ConsultationAnswer | None


def consultation_status(plan: Plan, *, on: dt.date | None = None) -> list[ConsultationRow]:
    """One row per fee payer: its information manager and its answer (three queries)."""
    managers = {m.organisation_id: m.user for m in information_managers(on=on)}
    answers = {a.organisation_id: a for a in ConsultationAnswer.objects.filter(plan=plan).select_related("answered_by")}
    return [ConsultationRow(org, managers.get(org.pk), answers.get(org.pk)) for org in fee_payers()]


def consultation_counts(plan: Plan) -> tuple[int, int]:
    """(answered, expected): "17 of 22"."""
    payers = fee_payers()
    answered = ConsultationAnswer.objects.filter(plan=plan, organisation__in=payers).count()
    return answered, payers.count()


def consultation_missing_answers(plan: Plan, *, on: dt.date | None = None) -> QuerySet[Membership]:
    """The information managers (memberships, with user and organisation) of the fee payers that
    have not answered the consultation on `plan` — the people a reminder goes to."""
    answered = ConsultationAnswer.objects.filter(plan=plan).values("organisation_id")
    return information_managers(on=on).filter(organisation__pays_fee=True).exclude(organisation_id__in=answered)


def dashboard_plans(user: User, *, on: dt.date | None = None, organisations=()) -> list[Plan]:
    """In one query, every plan the start page's three questions may concern (consultation open,
    vote to record, follow-up this year), by year, each with what the questions need to know:
    `answered_by` (which of `organisations` have answered its consultation), `voted` (whether
    `user` has voted in its current round) and `missing_follow_ups` (its activities without a
    follow-up this quarter). Pass as `plans=` to the selectors below."""
    day = on or today()
    organisations = list(organisations)
    without_follow_up = (
        Activity.objects.filter(plan=OuterRef("pk")).exclude(follow_ups__quarter=quarter_of(day))
        .order_by().values("plan").annotate(n=Count("pk")).values("n")
    )
    plans = list(
        Plan.objects.filter(
            Q(status=Plan.Status.CONSULTATION, consultation_deadline__gte=day)
            | Q(status=Plan.Status.REVISED)
            | Q(status=Plan.Status.FOLLOW_UP, year=day.year)
        )
        .annotate(
            voted=Exists(PlanVote.objects.filter(plan=OuterRef("pk"), voter_id=user.pk, round=OuterRef("vote_round"))),
            missing_follow_ups=Coalesce(Subquery(without_follow_up), 0),
            **{f"answered_{o.pk}": Exists(ConsultationAnswer.objects.filter(plan=OuterRef("pk"), organisation_id=o.pk))
               for o in organisations},
        )
        .order_by("year", "pk")
    )
    for p in plans:
        p.answered_by = {o.pk for o in organisations if getattr(p, f"answered_{o.pk}")}
    return plans


def assignments_of(user: User, *, from_year: int) -> QuerySet[ResourceAssignment]:
    """The activities `user` is assigned to in the plans from `from_year` on, by year and title."""
    return (ResourceAssignment.objects.filter(person_id=user.pk, activity__plan__year__gte=from_year)
            .select_related("activity", "activity__plan").order_by("activity__plan__year", "activity__title", "pk"))


def plans_awaiting_answer_from(user: User, *, on: dt.date | None = None, organisations=None,
                               plans: list[Plan] | None = None) -> list[tuple[Plan, Organisation]]:
    """Plans in consultation that the organisation(s) `user` is information manager of have not answered.
    `organisations`: those organisations (by sort order) when the caller has them; `plans`: see
    dashboard_plans (read with the same organisations)."""
    if organisations is None:
        organisations = [m.organisation for m in information_managers(on=on).filter(user=user)]
    orgs = list(organisations)
    if not orgs:
        return []
    day = on or today()
    if plans is None:
        plans = dashboard_plans(user, on=day, organisations=orgs)
    open_plans = [p for p in plans if p.status == Plan.Status.CONSULTATION and p.consultation_deadline
                  and p.consultation_deadline >= day]
    return [(p, o) for p in open_plans for o in orgs if o.pk not in p.answered_by]


# --- Votes ---------------------------------------------------------------------------------
def current_votes(plan: Plan) -> QuerySet[PlanVote]:
    return PlanVote.objects.filter(plan=plan, round=plan.vote_round).select_related("voter").order_by("voted_at")


def decisions_of(plan: Plan) -> QuerySet[PlanDecision]:
    return PlanDecision.objects.filter(plan=plan).order_by("round")


def plans_awaiting_vote_from(user: User, *, on: dt.date | None = None, plans: list[Plan] | None = None) -> list[Plan]:
    """Revised plans `user` may vote on (annualplan.vote_plan, from the request's facts) and has
    not voted on in the current round (`plans`: see dashboard_plans)."""
    if plans is None:
        plans = dashboard_plans(user, on=on)
    return [p for p in plans if p.status == Plan.Status.REVISED and not p.voted and may_act_on_plan(user, p)]


# --- Follow-up -------------------------------------------------------------------------------
@dataclass
class FollowUpRow:
    activity: Activity
    latest: FollowUp | None
    spent: Decimal
    forecast: Decimal


@dataclass
class FollowUpSummary:
    rows: list[FollowUpRow] = field(default_factory=list)
    budget: Decimal = ZERO
    spent: Decimal = ZERO
    forecast: Decimal = ZERO
    by_area: list[dict] = field(default_factory=list)

    @property
    def delta(self) -> Decimal:
        """Forecast minus budget: above zero is an overrun."""
        return self.forecast - self.budget


def follow_up_summary(plan: Plan, activities=None) -> FollowUpSummary:
    """Budget vs outcome (spent to date) vs forecast, from each activity's latest follow-up."""
    activities = list(activities if activities is not None else plan_activities(plan))
    summary = FollowUpSummary()
    areas: dict[int, dict] = {}
    for a in activities:
        ups = list(a.follow_ups.all())
        latest = ups[-1] if ups else None
        spent = latest.spent_to_date if latest else ZERO
        forecast = latest.forecast if latest else a.budget
        summary.rows.append(FollowUpRow(a, latest, spent, forecast))
        summary.budget += a.budget
        summary.spent += spent
        summary.forecast += forecast
        area = areas.setdefault(a.area_id, {"area": a.area, "budget": ZERO, "spent": ZERO, "forecast": ZERO})
        area["budget"] += a.budget
        area["spent"] += spent
        area["forecast"] += forecast
    for area in areas.values():
        area["delta"] = area["forecast"] - area["budget"]
    summary.by_area = list(areas.values())
    return summary


def follow_up_due(user: User, *, on: dt.date | None = None,
                  plans: list[Plan] | None = None) -> list[tuple[Plan, int, int]]:
    """(plan, quarter, activities without a follow-up this quarter) for the plans in follow-up
    that `user` acts on as a sitting steering group member (`plans`: see dashboard_plans)."""
    day = on or today()
    if plans is None:
        plans = dashboard_plans(user, on=day)
    return [
        (p, quarter_of(day), p.missing_follow_ups) for p in plans
        if p.status == Plan.Status.FOLLOW_UP and p.year == day.year and p.missing_follow_ups
        and may_act_on_plan(user, p)  # the steering group's side of record_follow_up
    ]


# --- Web management roles and the staff compensation per organisation ---------------------------
def web_role_costs(year: int) -> list[RoleCost]:
    """The web management role assignments running in `year`, each with its annual share and the
    compensation the plan pays the holder's organisation for the year (webadmin; one query)."""
    return role_costs(year)


@dataclass
class OrganisationStaff:
    """An organisation's staff compensation in a year: for its resource assignments on the plan's
    activities, and for its web management roles."""

    organisation_id: int
    organisation: str
    sort_order: int
    activities: Decimal = ZERO
    web_roles: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.activities + self.web_roles


def staff_by_organisation(year: int, *, web_roles: list[RoleCost] | None = None) -> list[OrganisationStaff]:
    """Each organisation paid for staff in `year`: activities (the plan's resource assignments) and
    web roles (pass `web_roles` when the caller has read web_role_costs(year)), by sort order; an
    organisation whose only roles pay nothing is left out. One query, two without `web_roles`."""
    rows: dict[int, OrganisationStaff] = {}
    for r in (
        ResourceAssignment.objects.filter(activity__plan__year=year)
        .values("organisation_id", "organisation__short_name", "organisation__sort_order")
        .annotate(total=Sum("compensation"))
        .order_by("organisation_id")
    ):
        rows[r["organisation_id"]] = OrganisationStaff(
            r["organisation_id"], r["organisation__short_name"], r["organisation__sort_order"],
            activities=Decimal(r["total"]).quantize(ORE))
    for role in web_role_costs(year) if web_roles is None else web_roles:
        row = rows.get(role.organisation_id)
        if row is None and not role.compensation:
            continue  # not paid for its roles (e.g. the IT unit's contact persons, paid by its agreement)
        if row is None:
            row = rows[role.organisation_id] = OrganisationStaff(
                role.organisation_id, role.organisation, role.organisation_sort_order)
        row.web_roles += role.compensation
    return sorted(rows.values(), key=lambda r: (r.sort_order, r.organisation, r.organisation_id))


# --- For the fees app ----------------------------------------------------------------------------
def staff_costs_by_organisation(year: int) -> dict[int, Decimal]:
    """What each organisation is paid for its staff in shared assignments in `year`: its resource
    assignments on the plan's activities and its web management roles (each compensation rounded
    to öre once, then summed). {organisation id: Decimal}. Two queries."""
    return {r.organisation_id: r.total for r in staff_by_organisation(year)}


def staff_cost_total(year: int) -> Decimal:
    """The plan's staff compensation in `year`, web management roles included (the budget's staff
    line from the plan); the sum of staff_costs_by_organisation."""
    return sum(staff_costs_by_organisation(year).values(), ZERO)



def plan_for_year(year: int) -> Plan | None:
    """The operating plan of `year`, or None (used by the fees app)."""
    return Plan.objects.filter(year=year).first()

