"""Demo data for the operating plan: this year's plan adopted and in follow-up (Q1–Q3 reported,
with traffic lights: most on track, one at risk, one off track),
next year's plan out for consultation with some answers in (Dalarna — infochef — has not
answered, so the journey can), development projects and a few organisations' action plans.
Idempotent: natural keys with update_or_create."""
from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy

from governance.demo import STEERING_2025, DemoContext, info_manager_username
from governance.people.models import User
from governance.reference import FEE_PAYER_CODES

from .models import (
    Activity,
    Area,
    ConsultationAnswer,
    DevelopmentProject,
    FollowUp,
    FundingApplication,
    Measure,
    MeasureFollowUp,
    Milestone,
    Plan,
    PlanDecision,
    PlanGoal,
    PlanVersion,
    PlanVote,
    ProjectParticipant,
    ResourceAssignment,
    Survey,
    UnitActionPlan,
)
from .records import register_funding_decision, register_plan_decision

RATE = Decimal("0.3142")

# (area code, title, responsible org, responsible username or None, budget, goal index,
#  [(org, username or None, role, share, salary cost)])
ACTIVITIES = [
    ("web", "Förvaltning av den gemensamma webbplattformen", "C", "weblead", "1450000", 0,
     [("C", "weblead", "Plattformsutveckling", "0.3", "620000"), ("O", None, "Teknisk systemförvaltare", "0.2", "610000")]),
    ("web", "Tillgänglighetsgranskning av länsstyrelsernas webbplatser", "C", "weblead", "320000", 1,
     [("W", "communicator", "Funktionsansvarig", "0.2", "560000")]),
    ("web", "Handbok och FAQ för webbredaktörer", "W", "communicator", "90000", 1,
     [("W", "communicator", "Supportansvarig", "0.1", "560000")]),
    ("projects", "Gemensam kampanj om länsstyrelsernas uppdrag", "F", "chair", "480000", 2,
     [("F", "chair", "Projektledare", "0.25", "690000")]),
    ("strategic", "Gemensamt mediearbete och pressrutiner", "M", "steering", "210000", 2,
     [("M", "steering", "Samordnare mediearbete", "0.2", "700000")]),
    ("strategic", "Samordning av sociala medier", "AB", None, "160000", 2,
     [("AB", None, "Samordnare sociala medier", "0.2", "590000")]),
    ("strategic", "Mässor och utställningar: Almedalen och Järvaveckan", "E", None, "350000", 2, []),
    ("development_support", "Kommunikationsstöd i utvecklingsprojekt", "O", None, "240000", 0,
     [("O", None, "Kommunikatör", "0.3", "580000")]),
    ("crisis", "Nationellt samordnad kriskommunikation: övning och rutiner", "BD", None, "300000", 0,
     [("BD", None, "Samordnare kriskommunikation", "0.2", "620000")]),
    ("competence", "Klarspråk och tillgänglig information: utbildning", "W", "infochef", "260000", 1,
     [("W", "infochef", "Kursansvarig", "0.1", "720000")]),
    ("competence", "Kommunikatörskonferensen", "F", "chair", "420000", 2, []),
    ("other", "Samordnarens arvode och resor", "F", "chair", "180000", 0,
     [("F", "chair", "Ordförande i styrgruppen", "0.15", "690000")]),
]

# Resource rows renamed since an earlier version of the demo ({role: its former name}), renamed in
# place so that seed_demo on a database seeded before leaves no stale row. The web development lead was
# on the platform activity at 0.8 as "Webbutvecklingsledare"; the role itself (0.5) is now paid
# through the web management roles (webadmin), so the activity keeps only the lead's further
# platform development (0.3) — the lead is not paid twice for the role.
FORMER_ROLE = {"Plattformsutveckling": "Webbutvecklingsledare"}

GOALS = [
    "Länsstyrelsernas webbplatser är tillgängliga, aktuella och enkla att använda",
    "Medarbetarna skriver klarspråk och når alla målgrupper",
    "Länsstyrelserna syns och uppfattas som en samlad myndighetsfamilj",
]

# Traffic lights other than on track ({activity or measure title prefix: {quarter: (light, analysis)}}):
# media work slips to at risk and then off track, the fairs are at risk when Järvaveckan is postponed,
# Dalarna's accessibility review is at risk.
LIGHTS = {
    "Gemensamt mediearbete": {
        2: ("at_risk", "Samordnaren för mediearbetet är föräldraledig och ersättaren börjar först i augusti."),
        3: ("off_track", "Pressrutinerna är inte beslutade och två av fyra utbildningar är inställda. "
                         "Styrgruppen behöver besluta om extra resurser eller att flytta arbetet till nästa år."),
    },
    "Mässor": {3: ("at_risk", "Järvaveckan flyttades till hösten; budgeten för monter och resor hålls.")},
    "Tillgänglighetsgranskning av länets": {
        3: ("at_risk", "Granskningsverktyget levererades sent; hälften av sidorna är granskade."),
    },
}


def _light(title: str, quarter: int) -> tuple[str, str]:
    for prefix, by_quarter in LIGHTS.items():
        if title.startswith(prefix) and quarter in by_quarter:
            return by_quarter[quarter]
    return "on_track", ""


def _quarters_reported(ctx: DemoContext, year: int) -> int:
    """The quarters that have ended (Q1–Q3 on the demo date)."""
    return min(3, (ctx.today.month - 1) // 3) if ctx.today.year == year else 3


# Per quarter: (status, share of budget spent to date, forecast factor)
FOLLOW_UP_PATTERN = [
    ("ongoing", Decimal("0.20"), Decimal("1.00")),
    ("ongoing", Decimal("0.45"), Decimal("1.02")),
    ("ongoing", Decimal("0.70"), Decimal("0.98")),
]


def _user(username: str | None) -> User | None:
    return User.objects.get(username=username) if username else None


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed(ctx: DemoContext) -> None:
    year = ctx.year
    areas = {a.code: a for a in Area.objects.all()}
    chair = User.objects.get(username="chair")
    current = _seed_current_plan(ctx, year, areas, chair)
    _seed_next_plan(ctx, year + 1, areas, current)
    _seed_projects(ctx, year, current)
    _seed_unit_plans(ctx, year, current)


def _seed_activities(ctx: DemoContext, plan: Plan, areas, goals: list[PlanGoal], budget_factor=Decimal("1")):
    activities = []
    for order, (area, title, org, person, budget, goal_ix, resources) in enumerate(ACTIVITIES, start=1):
        activity, _ = Activity.objects.update_or_create(
            plan=plan, title=title,
            defaults={
                "area": areas[area],
                "description": f"{title}. Aktiviteten genomförs gemensamt för länsstyrelserna under {plan.year}.",
                "goal": goals[goal_ix].title,
                "responsible_organisation": ctx.org(org),
                "responsible_person": _user(person),
                "budget": (Decimal(budget) * budget_factor).quantize(Decimal("1000")),
                "sort_order": order * 10,
            },
        )
        for r_org, r_user, role, share, salary in resources:
            if role in FORMER_ROLE:
                ResourceAssignment.objects.filter(activity=activity, organisation=ctx.org(r_org),
                                                  role=FORMER_ROLE[role]).update(role=role)
            ResourceAssignment.objects.update_or_create(
                activity=activity, organisation=ctx.org(r_org), role=role,
                defaults={"person": _user(r_user), "share": Decimal(share), "salary_cost": Decimal(salary),
                          "social_fee_rate": RATE},
            )
        activities.append(activity)
    return activities


def _goals(plan: Plan) -> list[PlanGoal]:
    return [PlanGoal.objects.update_or_create(plan=plan, title=title, defaults={"sort_order": (i + 1) * 10})[0]
            for i, title in enumerate(GOALS)]


def _version(plan: Plan, number: int, label, snapshot: dict, when: dt.datetime, by: User | None):
    from governance.texts import encode, in_default_language

    PlanVersion.objects.update_or_create(plan=plan, number=number, defaults={
        "label": in_default_language(label), "label_message": encode(label), "snapshot": snapshot,
        "created_at": when, "created_by": by})


def _seed_current_plan(ctx: DemoContext, year: int, areas, chair: User) -> Plan:
    from .services import plan_snapshot_data

    plan, _ = Plan.objects.update_or_create(year=year, defaults={
        "title": f"Verksamhetsplan {year}",
        "introduction": (f"Verksamhetsplan och budget för länsstyrelsernas nationella kommunikationssamordning "
                         f"{year}. Planen har förankrats i informationschefsnätverket."),
        "status": Plan.Status.FOLLOW_UP,
        "consultation_deadline": dt.date(year - 1, 11, 15),
        "consultation_opened_at": _aware(dt.date(year - 1, 10, 20)),
        "adopted_at": _aware(dt.date(year - 1, 12, 5), 14),
        "fee_decided_at": _aware(dt.date(year - 1, 12, 12), 11),
    })
    goals = _goals(plan)
    activities = _seed_activities(ctx, plan, areas, goals)

    # Every fee payer answered; two with comments.
    for i, code in enumerate(FEE_PAYER_CODES):
        position = ConsultationAnswer.Position.ENDORSE
        comments = ""
        if code in ("H", "Z"):
            position = ConsultationAnswer.Position.ENDORSE_WITH_COMMENTS
            comments = "Vi vill se mer kompetensutveckling i klarspråk."
        ConsultationAnswer.objects.update_or_create(plan=plan, organisation=ctx.org(code), defaults={
            "position": position, "comments": comments, "answered_by": User.objects.get(
                username=info_manager_username(code)),
            "answered_at": _aware(dt.date(year - 1, 11, 1) + dt.timedelta(days=i % 12)),
        })

    # Adopted by the steering group sitting then (last year's), unanimously.
    voted_at = _aware(dt.date(year - 1, 12, 5), 9)
    names = []
    for n, code in enumerate(STEERING_2025):
        voter = User.objects.get(username=info_manager_username(code))
        names.append(str(voter))
        PlanVote.objects.update_or_create(plan=plan, round=1, voter=voter, defaults={
            "choice": PlanVote.Choice.APPROVE, "is_chair": n == 0,
            "voted_at": voted_at + dt.timedelta(minutes=n * 7)})
    plan_decision, _ = PlanDecision.objects.update_or_create(plan=plan, round=1, defaults={
        "outcome": PlanDecision.Outcome.ADOPTED, "approved_by": ", ".join(names), "rejected_by": "",
        "chair_decided": False, "decided_at": plan.adopted_at})
    register_plan_decision(plan_decision)

    # Follow-ups for the quarters that have ended (Q1–Q3 on the demo date).
    last_quarter = _quarters_reported(ctx, year)
    for activity in activities:
        for q in range(1, last_quarter + 1):
            status, spent_share, factor = FOLLOW_UP_PATTERN[q - 1]
            if activity.title.startswith("Mässor") and q == 3:
                status = "postponed"
            if activity.title.startswith("Kommunikatörskonferensen") and q >= 3:
                status, spent_share = "done", Decimal("0.95")
            light, analysis = _light(activity.title, q)
            on_plan = status == "ongoing" and light == "on_track"
            FollowUp.objects.update_or_create(activity=activity, quarter=q, defaults={
                "status": status,
                "comment": f"Kvartal {q}: arbetet går enligt plan." if on_plan else f"Kvartal {q}.",
                "spent_to_date": (activity.budget * spent_share).quantize(Decimal("1")),
                "forecast": (activity.budget * factor).quantize(Decimal("1")),
                "light": light, "analysis": analysis,
                "recorded_by": chair,
                "recorded_at": _aware(dt.date(year, q * 3, 28)),
            })

    # Versions: as sent for consultation (two activities fewer, a smaller web budget), and as adopted.
    adopted = plan_snapshot_data(plan)
    adopted["status"] = Plan.Status.ADOPTED
    sent = copy.deepcopy(adopted)
    sent["status"] = Plan.Status.CONSULTATION
    sent["introduction"] = (f"Verksamhetsplan och budget för länsstyrelsernas nationella "
                            f"kommunikationssamordning {year}.")
    sent["activities"] = [a for a in sent["activities"] if not a["title"].startswith(("Handbok", "Klarspråk"))]
    sent["activities"][0]["budget"] = str(Decimal(sent["activities"][0]["budget"]) - Decimal("150000"))
    sent["totals"]["budget"] = str(sum(Decimal(a["budget"]) for a in sent["activities"]))
    sent["totals"]["staff"] = str(sum(Decimal(a["staff"]) for a in sent["activities"]))
    _version(plan, 1, gettext_lazy("Sent for consultation"), sent, plan.consultation_opened_at, chair)
    _version(plan, 2, gettext_lazy("Adopted"), adopted, plan.adopted_at, chair)
    return plan


def _seed_next_plan(ctx: DemoContext, year: int, areas, current: Plan) -> Plan:
    from .services import plan_snapshot_data

    chair = User.objects.get(username="chair")
    plan, _ = Plan.objects.update_or_create(year=year, defaults={
        "title": f"Verksamhetsplan {year}",
        "introduction": (f"Förslag till verksamhetsplan och budget för {year}. Styrgruppen vill ha "
                         f"informationschefernas synpunkter senast sista svarsdag."),
        "status": Plan.Status.CONSULTATION,
        "consultation_deadline": ctx.today + dt.timedelta(days=14),
        "consultation_opened_at": _aware(ctx.today - dt.timedelta(days=10)),
    })
    goals = _goals(plan)
    _seed_activities(ctx, plan, areas, goals, budget_factor=Decimal("1.03"))
    # Some answers in; Dalarna (infochef) has not answered.
    answering = [c for c in FEE_PAYER_CODES if c != "W"][:14]
    for i, code in enumerate(answering):
        position, comments = ConsultationAnswer.Position.ENDORSE, ""
        if code == "H":
            position, comments = ConsultationAnswer.Position.OBJECT, "Budgeten för mässor är för hög i förhållande till effekten."
        elif code in ("D", "S"):
            position, comments = (ConsultationAnswer.Position.ENDORSE_WITH_COMMENTS,
                                  "Bra plan. Vi önskar fler utbildningstillfällen i klarspråk.")
        ConsultationAnswer.objects.update_or_create(plan=plan, organisation=ctx.org(code), defaults={
            "position": position, "comments": comments,
            "answered_by": User.objects.get(username=info_manager_username(code)),
            "answered_at": _aware(ctx.today - dt.timedelta(days=9 - (i % 9))),
        })
    if not PlanVersion.objects.filter(plan=plan).exists():
        _version(plan, 1, gettext_lazy("Sent for consultation"), plan_snapshot_data(plan), plan.consultation_opened_at,
                 chair)
    return plan


def _seed_projects(ctx: DemoContext, year: int, current: Plan) -> None:
    weblead = User.objects.get(username="weblead")
    communicator = User.objects.get(username="communicator")
    chair = User.objects.get(username="chair")
    director = User.objects.get(username="director")

    platform, _ = DevelopmentProject.objects.update_or_create(title="Ny gemensam webbplattform", defaults={
        "description": "Upphandling och införande av en ny gemensam webbplattform för länsstyrelserna.",
        "proposed_by": weblead, "organisation": weblead.organisation, "plan": current,
        "status": DevelopmentProject.Status.ONGOING,
    })
    granted, _ = FundingApplication.objects.update_or_create(project=platform, applied_at=_aware(dt.date(year, 2, 10)), defaults={
        "amount": Decimal("2400000"), "motivation": "Nuvarande plattform når slutet av sin livslängd 2027.",
        "applied_by": chair, "decision": FundingApplication.Decision.PARTLY_GRANTED,
        "granted_amount": Decimal("1800000"), "decision_comment": "Etapp 1 beviljas; etapp 2 prövas 2027.",
        "decided_by": director, "decided_at": _aware(dt.date(year, 3, 15)),
    })
    register_funding_decision(granted)
    for org, username, role, start, end in [
        ("C", "weblead", "Projektledare", dt.date(year, 3, 1), None),
        ("O", None, "IT-enheten, teknisk förvaltning", dt.date(year, 3, 1), None),
        ("W", "communicator", "Kravställning och test", dt.date(year, 4, 1), dt.date(year, 9, 30)),
    ]:
        ProjectParticipant.objects.update_or_create(project=platform, organisation=ctx.org(org), role=role, defaults={
            "person": _user(username), "start": start, "end": end})
    for title, due, done in [
        ("Kravspecifikation klar", dt.date(year, 5, 31), dt.date(year, 6, 3)),
        ("Upphandling avslutad", dt.date(year, 10, 31), dt.date(year, 10, 28)),
        ("Pilot med tre länsstyrelser", dt.date(year + 1, 3, 31), None),
    ]:
        Milestone.objects.update_or_create(project=platform, title=title, defaults={"due": due, "done_on": done})

    bank, _ = DevelopmentProject.objects.update_or_create(title="Gemensam mediebank", defaults={
        "description": "En gemensam bild- och filmbank med licenser för alla länsstyrelser.",
        "proposed_by": User.objects.get(username="steering"), "organisation": ctx.org("M"), "plan": current,
        "status": DevelopmentProject.Status.APPLIED,
    })
    FundingApplication.objects.update_or_create(project=bank, applied_at=_aware(ctx.today - dt.timedelta(days=20)),
                                                defaults={
        "amount": Decimal("450000"), "motivation": "Minskar dubbla licenskostnader och sparar tid.",
        "applied_by": chair, "decision": FundingApplication.Decision.PENDING,
    })

    DevelopmentProject.objects.update_or_create(title="Klarspråksakademin", defaults={
        "description": "Ett gemensamt utbildningsprogram i klarspråk för handläggare.",
        "proposed_by": communicator, "organisation": communicator.organisation,
        "status": DevelopmentProject.Status.PROPOSED,
    })


def _seed_unit_plans(ctx: DemoContext, year: int, plan: Plan) -> None:
    goals = list(plan.goals.order_by("sort_order"))
    specs = {
        "W": ("Dalarnas handlingsplan: klarspråk och tillgänglighet först.", [
            ("Klarspråksutbildning för alla handläggare", 1, "Färre frågor om beslut", Measure.Status.DONE,
             "40 % färre förtydligandefrågor under hösten"),
            ("Tillgänglighetsgranskning av länets webbsidor", 0, "Inga brister av nivå A", Measure.Status.ONGOING, ""),
            ("Intranätet som daglig arbetsyta", 2, "Mindre internpost via e-post", Measure.Status.PLANNED, ""),
        ], [("Medarbetarundersökning om internkommunikation", dt.date(year, 3, 15), True)]),
        "F": ("Jönköpings handlingsplan.", [
            ("Pressrutiner vid kris", 2, "Snabbare samordnade svar", Measure.Status.DONE, "Svarstid halverad"),
            ("Sociala medier-strategi", 2, "Fler följare i målgruppen", Measure.Status.DONE, "Räckvidd +25 %"),
        ], [("Målgruppsundersökning", dt.date(year, 5, 10), False)]),
        "M": ("Skånes handlingsplan.", [
            ("Mediecoachning för chefer", 2, "Tryggare talespersoner", Measure.Status.ONGOING, ""),
        ], []),
        "C": ("Uppsalas handlingsplan.", [
            ("Användartester av webbplatsen", 0, "Bättre hittbarhet", Measure.Status.DONE, "Uppgiftslösning 78 → 91 %"),
        ], [("Användartest med 12 medborgare", dt.date(year, 6, 2), True)]),
    }
    for code, (summary, measures, surveys) in specs.items():
        recorder = User.objects.get(username=info_manager_username(code))
        unit_plan, _ = UnitActionPlan.objects.update_or_create(organisation=ctx.org(code), year=year, defaults={
            "plan": plan, "summary": summary})
        unit_plan.goals.set(goals[:2] if code != "M" else goals[2:])
        for title, goal_ix, planned, status, reported in measures:
            measure, _ = Measure.objects.update_or_create(action_plan=unit_plan, title=title, defaults={
                "goal": goals[goal_ix], "planned_effect": planned, "status": status, "reported_effect": reported})
            if code in ("W", "F"):  # Dalarna's and Jönköping's measures are followed up each quarter
                for q in range(1, _quarters_reported(ctx, year) + 1):
                    light, analysis = _light(title, q)
                    MeasureFollowUp.objects.update_or_create(measure=measure, quarter=q, defaults={
                        "light": light, "analysis": analysis, "recorded_by": recorder,
                        "recorded_at": _aware(dt.date(year, q * 3, 25))})
        for title, when, followed in surveys:
            Survey.objects.update_or_create(action_plan=unit_plan, title=title, defaults={
                "conducted_on": when, "followed_up": followed,
                "follow_up_notes": "Resultaten har följts upp i ledningsgruppen." if followed else ""})
