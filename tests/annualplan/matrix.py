"""Every annualplan URL × every demo account (and anonymous). The demo: this year's plan is in
follow-up, next year's is out for consultation; the sitting steering group is chair (chair) and
steering (member); infochef and communicator are Dalarna's; director sits in the directors' group."""
from __future__ import annotations

from annualplan.models import (
    Activity,
    DevelopmentProject,
    FundingApplication,
    Measure,
    Milestone,
    ResourceAssignment,
    Survey,
    UnitActionPlan,
)
from governance.authority import today
from tests.matrix import CONFIRMED, ERROR, STATE_REFUSES, Row, everyone, only

ALL = everyone(200)
STEERING = ("chair", "steering")


def this_year() -> dict:
    return {"year": today().year}


def next_year() -> dict:
    return {"year": today().year + 1}


def activity_now() -> dict:
    return {"pk": Activity.objects.filter(plan__year=today().year).order_by("pk").first().pk}


def activity_next() -> dict:
    return {"pk": Activity.objects.filter(plan__year=today().year + 1).order_by("pk").first().pk}


def weblead_activity_q4() -> dict:
    a = Activity.objects.filter(plan__year=today().year, responsible_person__username="weblead").order_by("pk").first()
    return {"pk": a.pk, "quarter": 4}


def _open_action() -> int:
    from governance.meetings.models import ActionItem

    return ActionItem.objects.filter(status=ActionItem.Status.OPEN).order_by("pk").first().pk


def action_link_now() -> dict:
    """A link of the demo's open action to this year's first activity (made for the row)."""
    from annualplan.models import ActivityAction

    activity = Activity.objects.filter(plan__year=today().year).order_by("pk").first()
    link, _ = ActivityAction.objects.get_or_create(activity=activity, action_item_id=_open_action())
    return {"pk": activity.pk, "link": link.pk}


def assignment_now() -> dict:
    return {"pk": ResourceAssignment.objects.filter(activity__plan__year=today().year).order_by("pk").first().pk}


def project(title: str):
    return lambda: {"pk": DevelopmentProject.objects.get(title=title).pk}


def pending_application() -> dict:
    return {"pk": FundingApplication.objects.filter(decision="pending").order_by("pk").first().pk}


def open_milestone() -> dict:
    return {"pk": Milestone.objects.filter(done_on__isnull=True).order_by("pk").first().pk}


def dalarna_plan() -> dict:
    return {"pk": UnitActionPlan.objects.get(organisation__code="W", year=today().year).pk}


def dalarna_measure() -> dict:
    return {"pk": Measure.objects.filter(action_plan__organisation__code="W").order_by("pk").first().pk}


def dalarna_measure_q4() -> dict:
    return {**dalarna_measure(), "quarter": 4}


def dalarna_survey() -> dict:
    return {"pk": Survey.objects.filter(action_plan__organisation__code="W").order_by("pk").first().pk}


def deadline() -> dict:
    return {"deadline": today().replace(day=1).replace(year=today().year + 1).isoformat()}


DALARNA = ("infochef", "communicator", "deputy")  # Dalarna's information manager and communicators
NETWORK = ("chair", "steering", "infochef", "communicator", "weblead", "deputy")  # "former" has left

MATRIX = {
    "annualplan:plan_list": Row(expect=ALL),
    "annualplan:plan_create": Row(expect=only(*STEERING)),
    "annualplan:plan_detail": Row(kwargs=this_year, expect=ALL),
    "annualplan:plan_edit": Row(kwargs=next_year, expect=only(*STEERING)),
    # The plan in consultation cannot change: refused with a message (redirect), never a 500.
    "annualplan:goal_create": Row(outcome=STATE_REFUSES, method="post", kwargs=next_year, data={"title": "Nytt mål"},
                                  expect=only(*STEERING, status=302)),
    "annualplan:activity_create": Row(kwargs=next_year, expect=only(*STEERING)),
    "annualplan:activity_detail": Row(kwargs=activity_now, expect=ALL),
    "annualplan:activity_edit": Row(kwargs=activity_next, expect=only(*STEERING)),
    # Linking the minutes' actions: the steering group and the activity's responsible person (weblead).
    "annualplan:activity_action_link": Row(method="post", kwargs=activity_now,
                                           data=lambda: {"action_item": _open_action()},
                                           expect=only(*STEERING, "weblead", status=302),
                                           outcome={"weblead": ERROR}),
    "annualplan:activity_action_unlink": Row(method="post", kwargs=action_link_now,
                                             expect=only(*STEERING, "weblead", status=302)),
    "annualplan:activity_delete": Row(outcome=STATE_REFUSES, method="post", kwargs=activity_next, expect=only(*STEERING, status=302)),
    "annualplan:assignment_create": Row(kwargs=activity_now, expect=only(*STEERING)),
    "annualplan:assignment_delete": Row(outcome=STATE_REFUSES, method="post", kwargs=assignment_now, expect=only(*STEERING, status=302)),
    "annualplan:follow_up_edit": Row(kwargs=weblead_activity_q4, expect=only(*STEERING, "weblead")),
    # Only the chair directs the workflow.
    "annualplan:plan_open_consultation": Row(outcome=STATE_REFUSES, method="post", kwargs=next_year, data=deadline,
                                             expect=only("chair", status=302)),
    "annualplan:plan_close_consultation": Row(method="post", data=CONFIRMED, kwargs=next_year, expect=only("chair", status=302)),
    "annualplan:consultation_answer": Row(kwargs=next_year, expect={"*": 403, "chair": 200, "steering": 200,
                                                                    "infochef": 200}),
    "annualplan:consultation_status": Row(kwargs=next_year, expect=ALL),
    "annualplan:plan_vote": Row(outcome=STATE_REFUSES, method="post", kwargs=this_year, data={"choice": "approve"},
                                expect=only(*STEERING, status=302)),
    "annualplan:plan_mark_fee_decided": Row(outcome=STATE_REFUSES, method="post", kwargs=this_year, expect=only("chair", "director",
                                                                                         status=302)),
    "annualplan:plan_start_follow_up": Row(outcome=STATE_REFUSES, method="post", kwargs=this_year, expect=only("chair", status=302)),
    "annualplan:plan_close": Row(method="post", kwargs=this_year, expect=only("chair", status=302)),
    "annualplan:follow_up": Row(kwargs=this_year, expect=ALL),
    "annualplan:plan_versions": Row(kwargs=this_year, expect=ALL),
    "annualplan:plan_save_version": Row(method="post", kwargs=this_year, expect=only(*STEERING, status=302)),
    "annualplan:plan_compare": Row(kwargs=lambda: {"year": today().year, "number": 2}, expect=ALL),
    "annualplan:plan_print": Row(kwargs=this_year, expect=ALL),
    "annualplan:plan_pdf": Row(kwargs=this_year, expect=ALL),
    "annualplan:plan_archive": Row(kwargs=this_year, expect=ALL),
    "annualplan:plan_xlsx": Row(kwargs=this_year, expect=ALL),
    "annualplan:project_list": Row(expect=ALL),
    "annualplan:project_create": Row(expect=only(*NETWORK)),
    "annualplan:project_detail": Row(kwargs=project("Ny gemensam webbplattform"), expect=ALL),
    # The proposer edits a proposed project; the steering group manages every project.
    "annualplan:project_edit": Row(kwargs=project("Klarspråksakademin"), expect=only(*STEERING, "communicator")),
    "annualplan:funding_apply": Row(kwargs=project("Klarspråksakademin"), expect=only(*STEERING)),
    "annualplan:participant_add": Row(kwargs=project("Ny gemensam webbplattform"), expect=only(*STEERING)),
    "annualplan:milestone_add": Row(kwargs=project("Ny gemensam webbplattform"), expect=only(*STEERING)),
    "annualplan:funding_decide": Row(kwargs=pending_application, expect=only("director")),
    "annualplan:milestone_done": Row(method="post", kwargs=open_milestone, expect=only(*STEERING, status=302)),
    "annualplan:evaluation_current": Row(expect=everyone(302)),
    "annualplan:evaluation": Row(kwargs=this_year, expect=ALL),
    "annualplan:unit_plan_create": Row(expect=only(*NETWORK)),
    "annualplan:unit_plan_detail": Row(kwargs=dalarna_plan, expect=ALL),
    # Agency isolation: only Dalarna's people (and the administrator) edit Dalarna's action plan.
    "annualplan:unit_plan_edit": Row(kwargs=dalarna_plan, expect=only(*DALARNA)),
    "annualplan:measure_create": Row(kwargs=dalarna_plan, expect=only(*DALARNA)),
    "annualplan:measure_edit": Row(kwargs=dalarna_measure, expect=only(*DALARNA)),
    # A measure's quarterly follow-up (its traffic light): whoever may edit the measure.
    "annualplan:measure_follow_up_edit": Row(kwargs=dalarna_measure_q4, expect=only(*DALARNA)),
    "annualplan:survey_edit": Row(kwargs=dalarna_survey, expect=only(*DALARNA)),
    "annualplan:survey_add": Row(kwargs=dalarna_plan, expect=only(*DALARNA)),
}
