"""The web management group: its composition rules (each broken once), the steering group's
recorded decision, the meeting quota, working and reference groups with status reports."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.bodies.models import Body, Membership
from governance.meetings.models import Meeting
from governance.notifications.models import Notification
from tests.clock import at
from tests.governance.factories import UserFactory, org
from tests.webadmin.factories import assign, communicator, steering_group
from webadmin import selectors, services
from webadmin.models import Role, StatusReport, SteeringDecision

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def setup(year):
    _sg, chair, _ = steering_group(year)
    lead = communicator("C", has_it_competence=False)
    assign(Role.Code.WEB_LEAD, lead, year=year, share="0.50")
    it_person = UserFactory(organisation=org("IT"), has_it_competence=True)
    comms = [communicator(code) for code in ("E", "M", "S", "Z")]
    at(dt.date(year, 1, 15))
    return {"chair": chair, "lead": lead, "it": it_person, "comms": comms, "year": year}


def compose(setup, members, **kwargs):
    year = setup["year"]
    return services.web_management_group_compose(
        year=year, members=[(m, "") for m in members], start=kwargs.get("start", dt.date(year, 1, 15)),
        decided_on=dt.date(year, 1, 10), actor=kwargs.get("actor", setup["chair"]),
    )


def test_a_valid_composition_is_recorded(setup):
    body = compose(setup, [setup["it"], *setup["comms"]])
    day = dt.date(setup["year"], 2, 1)
    members = list(selectors.group_members(body, on=day))
    assert [m.user for m in members if m.position == Membership.Position.CHAIR] == [setup["lead"]]
    assert len([m for m in members if m.position == Membership.Position.MEMBER]) == 5
    decision = SteeringDecision.objects.get(kind=SteeringDecision.Kind.GROUP_COMPOSITION, body=body)
    assert decision.recorded_by == setup["chair"]
    assert decision.history.first().history_user == setup["chair"]


def test_rule_a_representative_of_the_system_administrator(setup):
    it_communicator = communicator("AB", has_it_competence=True)
    with pytest.raises(ValidationError) as exc:
        compose(setup, [it_communicator, *setup["comms"]])
    assert any("represents the technical system administrator" in m for m in exc.value.messages)


def test_a_contact_person_at_vastra_gotaland_represents_the_system_administrator(setup):
    vg = communicator("O", has_it_competence=True)
    assign(Role.Code.SYSTEM_ADMINISTRATOR, vg, year=setup["year"], share="0")
    compose(setup, [vg, *setup["comms"]])


def test_rule_at_least_one_person_with_it_competence(setup):
    setup["it"].has_it_competence = False
    setup["it"].save()
    with pytest.raises(ValidationError) as exc:
        compose(setup, [setup["it"], *setup["comms"]])
    assert any("at least one member has IT competence" in m for m in exc.value.messages)


def test_rule_the_rest_are_communicators(setup):
    outsider = UserFactory(organisation=org("H"))  # not in the communicators' network
    with pytest.raises(ValidationError) as exc:
        compose(setup, [setup["it"], *setup["comms"][:3], outsider])
    assert any("are communicators" in m and str(outsider) in m for m in exc.value.messages)


def test_rule_five_members(setup):
    with pytest.raises(ValidationError) as exc:
        compose(setup, [setup["it"], *setup["comms"][:3]])
    assert any("five members besides the chair" in m and "has 4" in m for m in exc.value.messages)


def test_rule_chaired_by_the_web_development_lead(setup):
    with pytest.raises(ValidationError) as exc:
        compose(setup, [setup["it"], *setup["comms"][:3], setup["lead"]])
    assert any("chairs the group and is not one of the five" in m for m in exc.value.messages)


def test_rule_no_web_development_lead_no_group(setup):
    year = setup["year"]
    with pytest.raises(ValidationError) as exc:
        services.web_management_group_compose(year=year + 1, members=[(setup["it"], "")],
                                              start=dt.date(year + 1, 1, 5), decided_on=dt.date(year, 12, 1),
                                              actor=None)
    assert any("chaired by the web development lead" in m for m in exc.value.messages)


def test_only_the_steering_group_decides_the_composition(setup):
    with pytest.raises(PermissionDenied):
        compose(setup, [setup["it"], *setup["comms"]], actor=setup["lead"])


def test_a_new_composition_ends_the_leavers_and_keeps_the_stayers(setup):
    year = setup["year"]
    body = compose(setup, [setup["it"], *setup["comms"]])
    newcomer = communicator("W")
    compose(setup, [setup["it"], *setup["comms"][:3], newcomer], start=dt.date(year, 6, 1))
    june = {m.user for m in selectors.group_members(body, on=dt.date(year, 6, 2))}
    assert newcomer in june and setup["comms"][3] not in june and len(june) == 6
    march = {m.user for m in selectors.group_members(body, on=dt.date(year, 3, 1))}
    assert setup["comms"][3] in march
    assert SteeringDecision.objects.filter(kind=SteeringDecision.Kind.GROUP_COMPOSITION).count() == 2


def test_the_composition_form_names_the_broken_rule(client, setup):
    year = setup["year"]
    client.force_login(setup["chair"])
    data = {"start": f"{year}-01-15", "decided_on": f"{year}-01-10"}
    for i, person in enumerate(setup["comms"] + [communicator("X")], start=1):
        data[f"member_{i}"] = person.pk
    response = client.post(f"/webb/grupp/{year}/sammansattning/", data)
    assert response.status_code == 200
    assert "represents the technical system administrator" in response.content.decode().replace("&#x27;", "'")
    data["member_5"] = setup["it"].pk
    assert client.post(f"/webb/grupp/{year}/sammansattning/", data).status_code == 302


# --- Meetings -------------------------------------------------------------------------------------
def _meeting(body, day, *, joint=()):
    m = Meeting.objects.create(body=body, title=f"Möte {day}", place="Digitalt",
                               start=dt.datetime.combine(day, dt.time(9), tzinfo=STOCKHOLM),
                               end=dt.datetime.combine(day, dt.time(11), tzinfo=STOCKHOLM))
    m.joint_bodies.set(joint)
    return m


def test_compliance_counts_held_scheduled_and_joint(setup):
    year = setup["year"]
    body = compose(setup, [setup["it"], *setup["comms"]])
    sg = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=year)
    _meeting(body, dt.date(year, 2, 10))
    _meeting(body, dt.date(year, 4, 10))
    c = selectors.meeting_compliance(year, dt.date(year, 5, 1))
    assert (c.held, c.scheduled, c.joint_held, c.joint_scheduled) == (2, 0, 0, 0)
    assert c.summary == "2 of 4 held, no joint meeting scheduled"
    _meeting(sg, dt.date(year, 9, 10), joint=[body])  # the steering group's meeting, jointly with the group
    c = selectors.meeting_compliance(year, dt.date(year, 5, 1))
    assert (c.held, c.scheduled, c.joint_scheduled) == (2, 1, 1)
    assert "joint meeting with the steering group scheduled" in c.summary
    _meeting(body, dt.date(year, 11, 5))
    c = selectors.meeting_compliance(year, dt.date(year, 12, 1))
    assert c.held == 4 and c.joint_held == 1 and c.complies and not c.at_risk


def test_quota_at_risk(setup):
    year = setup["year"]
    body = compose(setup, [setup["it"], *setup["comms"]])
    # Early in the year with nothing arranged there is time.
    assert not selectors.quota_at_risk(year, dt.date(year, 3, 1))
    _meeting(body, dt.date(year, 2, 10))
    _meeting(body, dt.date(year, 4, 10))
    # Two held, two to arrange (one of them joint): fine in June, at risk in November.
    assert not selectors.quota_at_risk(year, dt.date(year, 6, 1))
    assert selectors.quota_at_risk(year, dt.date(year, 11, 1))
    # Scheduling the rest, one of them jointly with the steering group, takes the risk away.
    sg = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=year)
    _meeting(body, dt.date(year, 11, 20), joint=[sg])
    _meeting(body, dt.date(year, 12, 10))
    assert not selectors.quota_at_risk(year, dt.date(year, 11, 1))
    # Four meetings but none joint: still at risk late in the year.
    Meeting.objects.get(start__date=dt.date(year, 11, 20)).joint_bodies.clear()
    assert selectors.quota_at_risk(year, dt.date(year, 11, 1))
    # A future year is not yet at risk; a past year that fell short is.
    assert not selectors.quota_at_risk(year + 1, dt.date(year, 11, 1))
    assert selectors.quota_at_risk(year - 1, dt.date(year, 1, 2))


# --- Working and reference groups ------------------------------------------------------------------
def test_the_web_lead_sets_up_a_group_whose_leader_reports(setup):
    year = setup["year"]
    compose(setup, [setup["it"], *setup["comms"]])
    leader, member = setup["comms"][0], setup["comms"][1]
    group = services.working_group_create(
        kind=Body.Kind.WORKING_GROUP, name="Arbetsgrupp sök", purpose="Bättre sök.", leader=leader,
        members=[member], start=dt.date(year, 2, 1), end=dt.date(year, 10, 31), actor=setup["lead"],
    )
    assert group.body.parent.kind == Body.Kind.WEB_MANAGEMENT_GROUP
    at(dt.date(year, 3, 1))
    report = services.status_report_file(group=group, text="Halvvägs.", actor=type(leader).objects.get(pk=leader.pk))
    assert StatusReport.objects.filter(pk=report.pk, author=leader).exists()
    # Only the leader files reports.
    with pytest.raises(PermissionDenied):
        services.status_report_file(group=group, text="Jag är inte ledare.", actor=type(member).objects.get(pk=member.pk))


def test_status_report_notifies_the_web_lead(setup, today):
    compose(setup, [setup["it"], *setup["comms"]], start=max(today, dt.date(setup["year"], 1, 15)))
    leader = setup["comms"][0]
    group = services.working_group_create(
        kind=Body.Kind.REFERENCE_GROUP, name="Referensgrupp", purpose="Tester.", leader=leader, members=[],
        start=today, actor=None,
    )
    services.status_report_file(group=group, text="Allt väl.", actor=type(leader).objects.get(pk=leader.pk))
    assert Notification.objects.filter(recipient=setup["lead"], kind="webadmin_status_report").exists()


def test_a_group_needs_the_web_management_group(setup):
    with pytest.raises(ValidationError, match="Set up the web management group"):
        services.working_group_create(kind=Body.Kind.WORKING_GROUP, name="X", purpose="Y", leader=setup["lead"],
                                      members=[], start=dt.date(setup["year"] + 1, 2, 1), actor=None)


def test_only_the_web_lead_sets_up_groups(setup):
    compose(setup, [setup["it"], *setup["comms"]])
    with pytest.raises(PermissionDenied):
        services.working_group_create(kind=Body.Kind.WORKING_GROUP, name="X", purpose="Y", leader=setup["lead"],
                                      members=[], start=dt.date(setup["year"], 2, 1), actor=setup["chair"])


def test_the_yearly_meeting_reminder_is_sent_once_a_year(setup):
    from webadmin.services import yearly_meeting_remind

    year = setup["year"]
    first = yearly_meeting_remind(today=dt.date(year, 9, 1))
    assert first >= 7  # six information managers of the steering group and the web development lead
    assert yearly_meeting_remind(today=dt.date(year, 9, 2)) == 0
