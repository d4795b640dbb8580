"""The plan's rights follow from memberships at the moment of the question; nothing is stored."""
import datetime as dt

import pytest

from annualplan import rules as plan_rules
from annualplan.models import UnitActionPlan
from governance.bodies.models import Membership
from tests.clock import at
from tests.governance.factories import UserFactory, info_manager, org

from .factories import PlanFactory, steering_group_of


@pytest.fixture
def setup(db, today):
    plan = PlanFactory(year=today.year)
    nxt = PlanFactory(year=today.year + 1)
    members = steering_group_of(today.year)
    dalarna = info_manager("W")
    at(today)
    return plan, nxt, members, dalarna


def test_the_sitting_group_edits_votes_and_its_chair_directs(setup):
    plan, nxt, members, dalarna = setup
    chair, member = members[0], members[1]
    for p in (plan, nxt):  # next year's plan is drafted by the group sitting now
        assert chair.has_perm("annualplan.edit_plan", p) and chair.has_perm("annualplan.direct_plan", p) and chair.has_perm("annualplan.vote_plan", p)
        assert member.has_perm("annualplan.edit_plan", p) and member.has_perm("annualplan.vote_plan", p)
        assert not member.has_perm("annualplan.direct_plan", p)
        assert not dalarna.has_perm("annualplan.edit_plan", p)
        assert dalarna.has_perm("governance.answer_consultation", org("W"))
        assert not dalarna.has_perm("governance.answer_consultation", org("F"))


def test_an_ended_membership_ends_the_rights_on_the_next_question(setup, today):
    plan, _nxt, members, _dalarna = setup
    from django.contrib.auth.models import Permission

    rows = Permission.objects.count()
    assert members[2].has_perm("annualplan.edit_plan", plan)
    assert Permission.objects.count() == rows  # asking writes nothing
    # The membership ends yesterday — or, on the term's first day, today, seen from tomorrow.
    end = today - dt.timedelta(days=1) if today != dt.date(today.year, 1, 1) else today
    leaving = members[2]
    from django.contrib.auth import get_user_model

    from governance.bodies.services import membership_end

    membership_end(membership=Membership.objects.get(user=leaving, body__kind="steering_group"),
                   end=end, actor=members[0])  # no sync: the next question sees it
    if end == today:
        at(today + dt.timedelta(days=1))
    fresh = get_user_model().objects.get(pk=leaving.pk)  # no cached permissions
    assert not fresh.has_perm("annualplan.edit_plan", plan) and not fresh.has_perm("annualplan.vote_plan", plan)


def test_the_organisation_writes_its_own_action_plan(setup, today):
    _plan, _nxt, members, dalarna = setup
    from governance.bodies.models import Body
    from tests.governance.factories import MembershipFactory, standing

    communicator = UserFactory(organisation=org("W"))
    MembershipFactory(body=standing(Body.Kind.COMMUNICATORS_NETWORK), user=communicator)
    unit_plan = UnitActionPlan.objects.create(organisation=org("W"), year=today.year)
    other = UnitActionPlan.objects.create(organisation=org("F"), year=today.year)
    at(today)
    assert dalarna.has_perm("annualplan.edit_unitactionplan", unit_plan) and communicator.has_perm("annualplan.edit_unitactionplan", unit_plan)
    assert not dalarna.has_perm("annualplan.edit_unitactionplan", other) and not communicator.has_perm("annualplan.edit_unitactionplan", other)
    assert members[0].has_perm("annualplan.edit_unitactionplan", other)  # Jönköping's information manager
    assert [o.code for o in plan_rules.unit_plan_organisations(communicator)] == ["W"]


def test_anonymous_may_nothing(setup):
    from django.contrib.auth.models import AnonymousUser

    plan = setup[0]
    anon = AnonymousUser()
    assert not anon.has_perm("annualplan.view_plan", plan) and not anon.has_perm("annualplan.edit_plan", plan)
    assert not anon.has_perm("annualplan.create_plan") and not anon.has_perm("annualplan.propose_project")
