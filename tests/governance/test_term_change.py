"""The term change is exact without any job: at 00:00 Europe/Stockholm on 1 January the new steering
group's rights begin and the old group's end, because every right is computed from the dates.

The clock walks across the change: every role's rights are asked the minute before and the minute
after, through has_perm and through the pages (the request's memo included), for the old and the new
chair, an ordinary member, a deputy whose mandate spans the change, a deputy whose mandate ends with
the year, and an information manager who left on 31 December."""
from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from annualplan.models import Plan
from fees.models import Budget
from governance.bodies.models import Body, Membership
from governance.meetings.models import Minutes
from governance.people import services as delegations
from governance.people.models import Delegation, User
from tests.clock import at
from tests.governance.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    UserFactory,
    org,
    standing,
    stockholm,
)

Y = dt.date.today().year + 1  # a year wholly ahead of the real clock, so every date below is "future"
P = Position = Membership.Position


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def person(code: str, *, until: dt.date | None = None) -> User:
    """An information manager of `code` (from 2020, until `until`)."""
    user = UserFactory(organisation=org(code))
    MembershipFactory(body=standing(Body.Kind.INFO_MANAGERS_NETWORK), user=user, end=until)
    return user


def seat(group: Body, user: User, position=P.MEMBER) -> None:
    MembershipFactory(body=group, user=user, position=position, start=dt.date(group.year, 1, 1),
                      end=dt.date(group.year, 12, 31))


@pytest.fixture
def world(db):
    old_chair, member, new_chair = person("F"), person("M"), person("E")
    leaver = person("H", until=dt.date(Y, 12, 31))
    successor = UserFactory(organisation=org("H"))
    MembershipFactory(body=standing(Body.Kind.INFO_MANAGERS_NETWORK), user=successor, start=dt.date(Y + 1, 1, 1))
    dalarna = person("W")
    deputy = UserFactory(organisation=org("W"))
    short_deputy = UserFactory(organisation=org("W"))

    old_group = BodyFactory(kind=Body.Kind.STEERING_GROUP, name="Styrgruppen", year=Y)
    new_group = BodyFactory(kind=Body.Kind.STEERING_GROUP, name="Styrgruppen", year=Y + 1)
    seat(old_group, old_chair, P.CHAIR)
    seat(old_group, member)
    seat(old_group, leaver)
    seat(new_group, new_chair, P.CHAIR)
    seat(new_group, member)

    december = MeetingFactory(body=old_group, start=stockholm(Y, 12, 10, 9))
    Minutes.objects.create(meeting=december, text="Utkast", created_by=old_chair)
    january = MeetingFactory(body=new_group, start=stockholm(Y + 1, 1, 20, 9))
    plan = Plan.objects.create(year=Y + 1, title=f"Verksamhetsplan {Y + 1}")
    budget = Budget.objects.create(year=Y + 1, system_owner=org("O"))

    at(dt.date(Y, 12, 1))
    spanning = delegations.delegation_grant(
        organisation=org("W"), deputy=deputy, scope="cast_ballot", reason="Föräldraledighet",
        start=dt.date(Y, 12, 15), end=dt.date(Y + 1, 1, 15), actor=dalarna)
    ending = delegations.delegation_grant(
        organisation=org("W"), deputy=short_deputy, scope="answer_consultation", reason="Semester",
        start=dt.date(Y, 12, 20), end=dt.date(Y, 12, 31), actor=dalarna)
    return locals()


BEFORE = stockholm(Y, 12, 31, 23, 59)
AFTER = dt.datetime.combine(dt.date(Y + 1, 1, 1), dt.time(0, 0, 30), tzinfo=BEFORE.tzinfo)


def rights(w) -> dict[str, dict[str, bool]]:
    """Every role's answers to the questions that change at the term change."""
    plan, budget, dec, jan = w["plan"], w["budget"], w["december"], w["january"]
    minutes = Minutes.objects.get(meeting=dec)
    out = {}
    for role in ("old_chair", "member", "new_chair", "leaver", "successor", "deputy", "short_deputy"):
        u = fresh(w[role])
        out[role] = {
            "edit_plan": u.has_perm("annualplan.edit_plan", plan),
            "direct_plan": u.has_perm("annualplan.direct_plan", plan),
            "change_system_owner": u.has_perm("fees.change_system_owner", budget),
            "edit_budget": u.has_perm("fees.edit_budget", budget),
            "forwarded_proposals": u.has_perm("governance.view_forwarded_proposals"),
            "view_december_meeting": u.has_perm("governance.view_meeting", dec),
            "publish_december_minutes": u.has_perm("governance.manage_minutes", minutes),
            "view_january_meeting": u.has_perm("governance.view_meeting", jan),
            "run_january_meeting": u.has_perm("governance.manage_meeting", jan),
            "act_for_kalmar": u.has_perm("governance.manage_organisation", org("H")),
            "cast_dalarna_ballot": u.has_perm("governance.cast_ballot", org("W")),
            "answer_for_dalarna": u.has_perm("governance.answer_consultation", org("W")),
        }
    return out


EXPECTED_BEFORE = {
    "old_chair": {"edit_plan", "direct_plan", "change_system_owner", "edit_budget", "forwarded_proposals",
                  "view_december_meeting", "publish_december_minutes"},
    "member": {"edit_plan", "edit_budget", "forwarded_proposals", "view_december_meeting", "view_january_meeting"},
    "new_chair": {"view_january_meeting", "run_january_meeting"},
    "leaver": {"edit_plan", "edit_budget", "forwarded_proposals", "view_december_meeting", "act_for_kalmar"},
    "successor": set(),
    "deputy": {"cast_dalarna_ballot"},
    "short_deputy": {"answer_for_dalarna"},
}
EXPECTED_AFTER = {
    # Her rights ended with the year; she still finishes the minutes of the meeting she chaired.
    "old_chair": {"view_december_meeting", "publish_december_minutes"},
    # In both groups: the 2nd year's rights, and the records of both.
    "member": {"edit_plan", "edit_budget", "forwarded_proposals", "view_december_meeting", "view_january_meeting"},
    # The sitting group reads the previous group's records; it does not run its meetings.
    "new_chair": {"edit_plan", "direct_plan", "change_system_owner", "edit_budget", "forwarded_proposals",
                  "view_december_meeting", "view_january_meeting", "run_january_meeting"},
    "leaver": {"view_december_meeting"},
    "successor": {"act_for_kalmar"},
    "deputy": {"cast_dalarna_ballot"},
    "short_deputy": set(),
}


def held(answers: dict[str, dict[str, bool]]) -> dict[str, set[str]]:
    return {role: {k for k, v in a.items() if v} for role, a in answers.items()}


def test_every_role_the_minute_before_and_after_midnight(world):
    at(BEFORE, tick=False)
    assert held(rights(world)) == EXPECTED_BEFORE
    at(AFTER, tick=False)
    assert held(rights(world)) == EXPECTED_AFTER


def test_a_deputys_mandate_ends_by_itself_after_its_last_day(world):
    deputy = world["deputy"]
    at(stockholm(Y + 1, 1, 15, 23, 59), tick=False)
    assert fresh(deputy).has_perm("governance.cast_ballot", org("W"))
    at(stockholm(Y + 1, 1, 16, 0, 0), tick=False)
    assert not fresh(deputy).has_perm("governance.cast_ballot", org("W"))
    assert Delegation.objects.filter(pk=world["spanning"].pk, revoked_at__isnull=True).exists()  # no job touched it


def test_the_pages_follow_the_clock(world):
    """The same change seen through the pages: the meeting, the minutes, the plan's edit page."""
    old, new = Client(), Client()
    dec, jan, plan = world["december"], world["january"], world["plan"]
    at(BEFORE, tick=False)
    old.force_login(world["old_chair"])  # a session begun in the moved clock's time
    new.force_login(world["new_chair"])
    assert old.get(dec.get_absolute_url()).status_code == 200
    assert new.get(dec.get_absolute_url()).status_code == 403
    assert old.get(f"/verksamhetsplan/{plan.year}/andra/").status_code == 200
    assert new.get(f"/verksamhetsplan/{plan.year}/andra/").status_code == 403
    at(AFTER, tick=False)
    assert old.get(dec.get_absolute_url()).status_code == 200  # her records stay readable
    assert new.get(dec.get_absolute_url()).status_code == 200  # the sitting group reads them
    assert old.get(jan.get_absolute_url()).status_code == 403
    assert old.get(f"/verksamhetsplan/{plan.year}/andra/").status_code == 403
    assert new.get(f"/verksamhetsplan/{plan.year}/andra/").status_code == 200


def test_the_old_chair_publishes_the_december_minutes_in_january(world):
    from governance.meetings import services as meeting_services

    at(stockholm(Y + 1, 1, 7, 10), tick=False)
    minutes = Minutes.objects.get(meeting=world["december"])
    meeting_services.minutes_publish(minutes=minutes, actor=fresh(world["old_chair"]))
    minutes.refresh_from_db()
    assert minutes.is_published
    # Published minutes are for the whole network, the leaver included.
    assert fresh(world["leaver"]).has_perm("governance.view_minutes", minutes)


def test_nothing_is_written_to_know_it(world):
    rows = Permission.objects.count()
    at(AFTER, tick=False)
    rights(world)
    assert Permission.objects.count() == rows
