"""The guardian rows come from memberships through ONE sync; nobody is granted anything by hand."""
import datetime as dt

import pytest

from annualplan import permissions as perms
from annualplan.models import UnitActionPlan
from governance.models import Membership
from governance.permissions import sync_all
from tests.governance.factories import UserFactory, info_manager, org

from .factories import PlanFactory, steering_group_of


@pytest.fixture
def setup(db, today):
    plan = PlanFactory(year=today.year)
    nxt = PlanFactory(year=today.year + 1)
    members = steering_group_of(today.year)
    dalarna = info_manager("W")
    sync_all(on=today)
    return plan, nxt, members, dalarna


def test_the_sitting_group_edits_votes_and_its_chair_directs(setup):
    plan, nxt, members, dalarna = setup
    chair, member = members[0], members[1]
    for p in (plan, nxt):  # next year's plan is drafted by the group sitting now
        assert perms.can_edit_plan(chair, p) and perms.can_direct_plan(chair, p) and perms.can_vote_plan(chair, p)
        assert perms.can_edit_plan(member, p) and perms.can_vote_plan(member, p)
        assert not perms.can_direct_plan(member, p)
        assert not perms.can_edit_plan(dalarna, p)
        assert perms.can_answer_consultation(dalarna, p, org("W"))
        assert not perms.can_answer_consultation(dalarna, p, org("F"))


def test_the_sync_is_idempotent_and_follows_membership_changes(setup, today):
    plan, _nxt, members, _dalarna = setup
    from annualplan.models import PlanUserObjectPermission

    before = PlanUserObjectPermission.objects.count()
    sync_all(on=today)
    assert PlanUserObjectPermission.objects.count() == before
    # The membership ends yesterday — or, on the term's first day, today, seen from tomorrow.
    end = today - dt.timedelta(days=1) if today != dt.date(today.year, 1, 1) else today
    leaving = members[2]
    from django.contrib.auth import get_user_model

    from governance.services import membership_end

    membership_end(membership=Membership.objects.get(user=leaving, body__kind="steering_group"),
                   end=end, actor=members[0])  # runs every app's sync
    if end == today:
        sync_all(on=today + dt.timedelta(days=1))
    fresh = get_user_model().objects.get(pk=leaving.pk)  # no cached permissions
    assert not perms.can_edit_plan(fresh, plan) and not perms.can_vote_plan(fresh, plan)


def test_the_organisation_writes_its_own_action_plan(setup, today):
    _plan, _nxt, members, dalarna = setup
    from governance.models import Body
    from tests.governance.factories import MembershipFactory, standing

    communicator = UserFactory(organisation=org("W"))
    MembershipFactory(body=standing(Body.Kind.COMMUNICATORS_NETWORK), user=communicator)
    unit_plan = UnitActionPlan.objects.create(organisation=org("W"), year=today.year)
    other = UnitActionPlan.objects.create(organisation=org("F"), year=today.year)
    sync_all(on=today)
    assert perms.can_edit_unit_plan(dalarna, unit_plan) and perms.can_edit_unit_plan(communicator, unit_plan)
    assert not perms.can_edit_unit_plan(dalarna, other) and not perms.can_edit_unit_plan(communicator, other)
    assert perms.can_edit_unit_plan(members[0], other)  # Jönköping's information manager
    assert [o.code for o in perms.unit_plan_organisations(communicator)] == ["W"]


def test_anonymous_may_nothing(setup):
    from django.contrib.auth.models import AnonymousUser

    plan = setup[0]
    anon = AnonymousUser()
    assert not perms.can_view_plan(anon, plan) and not perms.can_edit_plan(anon, plan)
    assert not perms.can_create_plan(anon) and not perms.can_propose_project(anon)
