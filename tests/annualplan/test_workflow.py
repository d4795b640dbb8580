"""The workflow draft → consultation → revised → adopted → fee decided → in follow-up → closed:
each step by the right person in the right state, everything else refused with a clear message."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annualplan import selectors, services
from annualplan.models import ConsultationAnswer, FollowUp, Plan, PlanDecision, PlanVersion
from governance.bodies.models import Body
from tests.clock import at
from tests.governance.factories import MembershipFactory, UserFactory, info_manager, org, standing

from .factories import ActivityFactory, PlanFactory, steering_group_of


@pytest.fixture
def world(db, today):
    plan = PlanFactory(year=today.year, title="Verksamhetsplan")
    activity = ActivityFactory(plan=plan, budget=Decimal("250000"))
    group = steering_group_of(today.year)
    director = UserFactory(organisation=org("T"))
    MembershipFactory(body=standing(Body.Kind.DIRECTORS_GROUP), user=director)
    dalarna = info_manager("W")
    communicator = UserFactory(organisation=org("W"))
    at(today)
    return {"plan": plan, "activity": activity, "chair": group[0], "members": group, "director": director,
            "dalarna": dalarna, "communicator": communicator, "today": today}


def _open(w, days=14):
    return services.plan_open_consultation(plan=w["plan"], deadline=w["today"] + dt.timedelta(days=days),
                                           actor=w["chair"])


def _revised(w):
    _open(w)
    return services.plan_close_consultation(plan=w["plan"], actor=w["chair"])


def _vote(w, plan, choices):
    for member, choice in zip(w["members"], choices, strict=False):
        if choice:
            services.plan_vote(plan=plan, choice=choice, actor=member)
    plan.refresh_from_db()
    return plan


# --- Consultation ------------------------------------------------------------------------------
def test_the_chair_opens_the_consultation_with_a_deadline(world):
    plan = _open(world)
    assert plan.status == Plan.Status.CONSULTATION
    assert plan.consultation_deadline == world["today"] + dt.timedelta(days=14)
    assert PlanVersion.objects.filter(plan=plan, number=1).exists()


def test_a_member_who_is_not_chair_cannot_open_the_consultation(world):
    with pytest.raises(PermissionDenied, match="Only the chair"):
        services.plan_open_consultation(plan=world["plan"], deadline=world["today"] + dt.timedelta(days=5),
                                        actor=world["members"][1])


def test_the_deadline_must_be_in_the_future(world):
    with pytest.raises(ValidationError, match="deadline must be after today"):
        services.plan_open_consultation(plan=world["plan"], deadline=world["today"], actor=world["chair"])


def test_a_plan_without_activities_is_not_sent_for_consultation(world):
    world["activity"].delete()
    with pytest.raises(ValidationError, match="at least one activity"):
        _open(world)


def test_the_consultation_cannot_be_opened_twice(world):
    _open(world)
    with pytest.raises(ValidationError, match="you cannot open the consultation now"):
        _open(world)


def test_the_information_manager_answers_for_their_organisation(world):
    plan = _open(world)
    services.consultation_answer(plan=plan, organisation=org("W"), position="endorse", comments="",
                                 actor=world["dalarna"])
    assert selectors.consultation_counts(plan) == (1, 22)
    missing = {m.organisation.code for m in selectors.consultation_missing_answers(plan)}
    assert "W" not in missing and "F" in missing


def test_an_answer_can_be_changed_before_the_deadline(world):
    plan = _open(world)
    for position, comments in (("endorse", ""), ("object", "För dyrt.")):
        services.consultation_answer(plan=plan, organisation=org("W"), position=position, comments=comments,
                                     actor=world["dalarna"])
    answer = ConsultationAnswer.objects.get(plan=plan, organisation=org("W"))
    assert (answer.position, answer.comments) == ("object", "För dyrt.")
    assert answer.history.count() == 2  # audited


def test_nobody_answers_for_another_organisation(world):
    plan = _open(world)
    with pytest.raises(PermissionDenied, match="Only the information manager of Jönköping"):
        services.consultation_answer(plan=plan, organisation=org("F"), position="endorse", comments="",
                                     actor=world["dalarna"])


def test_a_communicator_cannot_answer(world):
    plan = _open(world)
    with pytest.raises(PermissionDenied):
        services.consultation_answer(plan=plan, organisation=org("W"), position="endorse", comments="",
                                     actor=world["communicator"])


def test_an_objection_needs_comments(world):
    plan = _open(world)
    with pytest.raises(ValidationError, match="Write your comments"):
        services.consultation_answer(plan=plan, organisation=org("W"), position="object", comments=" ",
                                     actor=world["dalarna"])


def test_no_answers_after_the_deadline(world):
    plan = _open(world)
    Plan.objects.filter(pk=plan.pk).update(consultation_deadline=world["today"] - dt.timedelta(days=1))
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="The consultation closed on"):
        services.consultation_answer(plan=plan, organisation=org("W"), position="endorse", comments="",
                                     actor=world["dalarna"])


def test_no_answers_to_a_draft(world):
    with pytest.raises(ValidationError, match="you cannot answer the consultation now"):
        services.consultation_answer(plan=world["plan"], organisation=org("W"), position="endorse", comments="",
                                     actor=world["dalarna"])


def test_the_content_is_frozen_during_the_consultation(world):
    _open(world)
    with pytest.raises(ValidationError, match="you cannot change its content now"):
        services.activity_update(activity=world["activity"], actor=world["chair"], expected_version=None,
                                 title="Ändrad")


# --- Adoption ------------------------------------------------------------------------------------
def test_a_majority_of_the_six_adopts_the_plan(world):
    plan = _revised(world)
    plan = _vote(world, plan, ["approve", "approve", "approve", "reject", "reject"])
    assert plan.status == Plan.Status.REVISED  # 3–2 with one vote missing: not decided yet
    plan = _vote(world, plan, [None] * 5 + ["approve"])
    assert plan.status == Plan.Status.ADOPTED
    decision = PlanDecision.objects.get(plan=plan)
    assert decision.outcome == "adopted" and not decision.chair_decided
    assert str(world["chair"]) in decision.approved_by
    assert decision.rejected_by.count(",") == 1  # two names
    assert plan.adopted_at is not None


def test_four_approvals_adopt_without_waiting_for_the_rest(world):
    plan = _vote(world, _revised(world), ["approve"] * 4)
    assert plan.status == Plan.Status.ADOPTED


def test_a_tie_is_decided_by_the_chairs_vote(world):
    plan = _vote(world, _revised(world), ["approve", "approve", "approve", "reject", "reject", "reject"])
    assert plan.status == Plan.Status.ADOPTED
    assert PlanDecision.objects.get(plan=plan).chair_decided


def test_a_tie_with_the_chair_against_rejects_and_starts_a_new_round(world):
    plan = _vote(world, _revised(world), ["reject", "approve", "approve", "approve", "reject", "reject"])
    assert plan.status == Plan.Status.REVISED
    assert plan.vote_round == 2
    decision = PlanDecision.objects.get(plan=plan, round=1)
    assert decision.outcome == "rejected" and decision.chair_decided
    # The new round starts empty; the steering group can revise and vote again.
    assert not selectors.current_votes(plan).exists()
    services.activity_update(activity=world["activity"], actor=world["chair"], expected_version=None,
                             budget=Decimal("200000"))


def test_a_majority_against_rejects(world):
    plan = _vote(world, _revised(world), ["approve", "reject", "reject", "reject", "reject"])
    assert plan.status == Plan.Status.REVISED
    assert PlanDecision.objects.get(plan=plan).outcome == "rejected"


def test_a_member_may_change_their_vote_before_the_decision(world):
    plan = _revised(world)
    services.plan_vote(plan=plan, choice="reject", actor=world["members"][1])
    services.plan_vote(plan=plan, choice="approve", actor=world["members"][1])
    votes = list(selectors.current_votes(plan))
    assert [(v.voter_id, v.choice) for v in votes] == [(world["members"][1].pk, "approve")]


def test_only_sitting_members_vote(world):
    plan = _revised(world)
    with pytest.raises(PermissionDenied, match="Only the members of the sitting steering group"):
        services.plan_vote(plan=plan, choice="approve", actor=world["dalarna"])


def test_no_vote_before_the_consultation_is_closed(world):
    with pytest.raises(ValidationError, match="you cannot vote on adopting it now"):
        services.plan_vote(plan=world["plan"], choice="approve", actor=world["chair"])


# --- Fee, follow-up, close ------------------------------------------------------------------------
def _adopted(world):
    return _vote(world, _revised(world), ["approve"] * 4)


def test_the_fee_decision_needs_an_adopted_plan(world):
    with pytest.raises(ValidationError, match="the plan must be adopted first"):
        services.plan_mark_fee_decided(plan=world["plan"], actor=world["director"])


def test_the_fees_app_marks_the_fee_decided_idempotently(world):
    plan = _adopted(world)
    services.plan_mark_fee_decided(plan=plan, actor=world["director"])
    services.plan_mark_fee_decided(plan=plan, actor=world["director"])
    plan.refresh_from_db()
    assert plan.status == Plan.Status.FEE_DECIDED


def test_a_communicator_cannot_mark_the_fee_decided(world):
    plan = _adopted(world)
    with pytest.raises(PermissionDenied):
        services.plan_mark_fee_decided(plan=plan, actor=world["communicator"])


def test_follow_up_starts_after_the_fee_and_closes(world):
    plan = _adopted(world)
    with pytest.raises(ValidationError, match="the fee must be decided first"):
        services.plan_start_follow_up(plan=plan, actor=world["chair"])
    services.plan_mark_fee_decided(plan=plan, actor=world["chair"])
    with pytest.raises(PermissionDenied):
        services.plan_start_follow_up(plan=plan, actor=world["members"][1])
    services.plan_start_follow_up(plan=plan, actor=world["chair"])
    services.follow_up_record(activity=world["activity"], quarter=1, status="ongoing", comment="Enligt plan",
                              spent_to_date=Decimal("50000"), forecast=Decimal("260000"), actor=world["members"][2])
    services.plan_close(plan=plan, actor=world["chair"])
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CLOSED
    with pytest.raises(ValidationError, match="you cannot close it now"):
        services.plan_close(plan=plan, actor=world["chair"])


def _in_follow_up(world):
    plan = _adopted(world)
    services.plan_mark_fee_decided(plan=plan, actor=world["chair"])
    return services.plan_start_follow_up(plan=plan, actor=world["chair"])


def test_follow_up_only_while_in_follow_up(world):
    with pytest.raises(ValidationError, match="you cannot record a follow-up now"):
        services.follow_up_record(activity=world["activity"], quarter=1, status="ongoing", comment="",
                                  spent_to_date=Decimal("0"), forecast=Decimal("0"), actor=world["chair"])


def test_a_quarter_is_one_to_four(world):
    _in_follow_up(world)
    with pytest.raises(ValidationError, match="A quarter is 1, 2, 3 or 4"):
        services.follow_up_record(activity=world["activity"], quarter=5, status="ongoing", comment="",
                                  spent_to_date=Decimal("0"), forecast=Decimal("0"), actor=world["chair"])


def test_the_responsible_person_records_the_follow_up_others_may_not(world):
    _in_follow_up(world)
    world["activity"].responsible_person = world["communicator"]
    world["activity"].save()
    services.follow_up_record(activity=world["activity"], quarter=2, status="postponed", comment="Flyttad",
                              spent_to_date=Decimal("0"), forecast=Decimal("100000"), actor=world["communicator"])
    assert FollowUp.objects.get(activity=world["activity"], quarter=2).status == "postponed"
    with pytest.raises(PermissionDenied):
        services.follow_up_record(activity=world["activity"], quarter=2, status="done", comment="",
                                  spent_to_date=Decimal("0"), forecast=Decimal("0"), actor=world["dalarna"])


def test_a_stale_follow_up_is_refused(world):
    _in_follow_up(world)
    kwargs = {"activity": world["activity"], "quarter": 1, "status": "ongoing", "comment": "",
              "spent_to_date": Decimal("1"), "forecast": Decimal("1")}
    services.follow_up_record(actor=world["chair"], **kwargs)
    services.follow_up_record(actor=world["chair"], expected_version=1, **kwargs)
    with pytest.raises(ValidationError, match="Someone else saved this follow-up"):
        services.follow_up_record(actor=world["members"][1], expected_version=1, **kwargs)


# --- Editing ---------------------------------------------------------------------------------------
def test_the_second_editor_gets_a_conflict(world):
    a = world["activity"]
    services.activity_update(activity=a, actor=world["chair"], expected_version=1, title="Först")
    with pytest.raises(ValidationError, match="Someone else saved this activity") as exc:
        services.activity_update(activity=a, actor=world["members"][1], expected_version=1, title="Sen")
    assert exc.value.error_list[0].code == "conflict"
    a.refresh_from_db()
    assert a.title == "Först" and a.version == 2


def test_every_change_is_audited_with_the_actor(world):
    a = world["activity"]
    services.activity_update(activity=a, actor=world["chair"], expected_version=None, budget=Decimal("1"))
    latest = a.history.latest()
    assert latest.history_user == world["chair"]
    assert latest.history_change_reason == "activity edited"


def test_only_the_steering_group_edits(world):
    with pytest.raises(PermissionDenied, match="Only the steering group can edit the plan"):
        services.activity_update(activity=world["activity"], actor=world["dalarna"], expected_version=None,
                                 title="x")


def test_only_forwarded_proposals_are_linked(world):
    from governance.networks.models import Proposal

    draft = Proposal.objects.create(title="Utkast", description="d", expected_benefit="b",
                                    author=world["communicator"], organisation=org("W"), status="draft")
    forwarded = Proposal.objects.create(title="Vidarebefordrat", description="d", expected_benefit="b",
                                        author=world["communicator"], organisation=org("W"), status="forwarded")
    with pytest.raises(ValidationError, match="Only forwarded proposals"):
        services.activity_update(activity=world["activity"], actor=world["chair"], expected_version=None,
                                 proposals=[draft])
    services.activity_update(activity=world["activity"], actor=world["chair"], expected_version=None,
                             proposals=[forwarded])
    assert list(world["activity"].proposals.all()) == [forwarded]


def test_one_plan_per_year_through_the_service(world):
    with pytest.raises(ValidationError, match="There is already an operating plan"):
        services.plan_create(year=world["today"].year, title="x", actor=world["chair"])


def test_only_the_sitting_steering_group_creates_plans(world):
    with pytest.raises(PermissionDenied):
        services.plan_create(year=world["today"].year + 3, title="x", actor=world["dalarna"])
    plan = services.plan_create(year=world["today"].year + 3, title="", actor=world["chair"])
    assert plan.title.endswith(str(world["today"].year + 3))
    # Permissions are derived at once: the chair directs the new plan.

    assert world["chair"].has_perm("annualplan.direct_plan", plan)
