import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.clock import at
from tests.governance.factories import UserFactory, info_manager, org
from tests.webadmin.factories import assign, role, steering_group
from webadmin import selectors, services
from webadmin.models import Role, RoleAssignment, SteeringDecision

pytestmark = pytest.mark.django_db


def test_the_catalogue_has_the_seven_roles_with_duties():
    codes = list(Role.objects.order_by("sort_order").values_list("code", flat=True))
    assert codes == ["web_lead", "editorial_manager", "feature_owner", "support_owner", "structure_owner",
                     "process_owner", "system_administrator"]
    assert all(r.duties for r in Role.objects.all())


def test_the_steering_group_appoints_the_web_lead_and_the_decision_is_recorded(year):
    _sg, chair, _ = steering_group(year)
    at(dt.date(year, 3, 1))
    lead = UserFactory(organisation=org("C"))
    assignment = services.web_lead_appoint(user=lead, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31),
                                           share=Decimal("0.50"), decided_on=dt.date(year, 1, 10), actor=chair)
    decision = SteeringDecision.objects.get(assignment=assignment)
    assert decision.kind == SteeringDecision.Kind.APPOINT_WEB_LEAD
    assert decision.recorded_by == chair and decision.decided_on == dt.date(year, 1, 10)
    assert decision.history.first().history_user == chair  # audited
    assert assignment.history.first().history_user == chair
    assert selectors.web_lead(on=dt.date(year, 6, 1)).user == lead


def test_only_the_steering_group_appoints(year):
    steering_group(year)
    outsider = info_manager("W")
    at(dt.date(year, 3, 1))
    with pytest.raises(PermissionDenied):
        services.web_lead_appoint(user=outsider, start=dt.date(year, 1, 1), decided_on=dt.date(year, 1, 1),
                                  actor=outsider)


def test_a_personal_role_has_one_holder_at_a_time(year):
    assign(Role.Code.FEATURE_OWNER, UserFactory(), year=year)
    with pytest.raises(ValidationError, match="already held by"):
        services.role_assign(role=role(Role.Code.FEATURE_OWNER), user=UserFactory(), start=dt.date(year, 6, 1),
                             decided_on=dt.date(year, 5, 1), actor=None)


def test_the_process_owner_cannot_be_assigned(year):
    with pytest.raises(ValidationError, match="follows the chair"):
        services.role_assign(role=role(Role.Code.PROCESS_OWNER), user=UserFactory(), start=dt.date(year, 1, 1),
                             decided_on=dt.date(year, 1, 1), actor=None)


def test_a_share_above_full_time_is_refused(year):
    with pytest.raises(ValidationError):
        services.role_assign(role=role(Role.Code.SUPPORT_OWNER), user=UserFactory(), start=dt.date(year, 1, 1),
                             share=Decimal("1.50"), decided_on=dt.date(year, 1, 1), actor=None)


def test_the_process_owner_follows_the_chair_across_a_term_change(year):
    steering_group(year - 1, chair_code="E", members=("F", "M", "C", "H", "Y"))
    steering_group(year, chair_code="F", members=("M", "AB", "O", "BD", "K"))
    before = selectors.process_owner(on=dt.date(year - 1, 12, 31))
    after = selectors.process_owner(on=dt.date(year, 1, 1))
    assert before.organisation.code == "E"
    assert after.organisation.code == "F"
    assert after.person.organisation.code == "F"
    overview = {s.role.code: s for s in selectors.role_overview(on=dt.date(year, 1, 1))}
    assert overview["process_owner"].process_owner.organisation.code == "F"
    assert not overview["process_owner"].vacant


def test_without_a_chair_the_process_owner_is_vacant(year):
    assert selectors.process_owner(on=dt.date(year, 5, 1)) is None
    assert role(Role.Code.PROCESS_OWNER) in selectors.vacant_roles(on=dt.date(year, 5, 1))


def test_system_administrator_is_the_it_unit_with_contacts_and_the_helpdesk(year):
    contact = UserFactory(organisation=org("IT"))
    assign(Role.Code.SYSTEM_ADMINISTRATOR, contact, year=year, share="0")
    sa = selectors.system_administrator(on=dt.date(year, 5, 1))
    assert sa.organisation.code == "IT" and sa.run_by.code == "O"
    assert [a.user for a in sa.contacts] == [contact]
    assert "Helpdesk" in sa.helpdesk


def test_a_system_administrator_contact_comes_from_the_it_unit_or_vastra_gotaland(year):
    services.role_assign(role=role(Role.Code.SYSTEM_ADMINISTRATOR), user=UserFactory(organisation=org("O")),
                         start=dt.date(year, 1, 1), decided_on=dt.date(year, 1, 1), actor=None)
    with pytest.raises(ValidationError, match="IT unit or Länsstyrelsen i Västra Götaland"):
        services.role_assign(role=role(Role.Code.SYSTEM_ADMINISTRATOR), user=UserFactory(organisation=org("AB")),
                             start=dt.date(year, 1, 1), decided_on=dt.date(year, 1, 1), actor=None)


def test_vacant_roles(year):
    for code in (Role.Code.WEB_LEAD, Role.Code.EDITORIAL_MANAGER, Role.Code.FEATURE_OWNER, Role.Code.SUPPORT_OWNER):
        assign(code, UserFactory(), year=year)
    assign(Role.Code.SYSTEM_ADMINISTRATOR, UserFactory(organisation=org("IT")), year=year)
    steering_group(year)
    assert [r.code for r in selectors.vacant_roles(on=dt.date(year, 5, 1))] == ["structure_owner"]


def test_role_costs_weight_the_part_of_the_year(year):
    person = UserFactory(organisation=org("C"))
    RoleAssignment.objects.create(role=role(Role.Code.WEB_LEAD), user=person, organisation=person.organisation,
                                  start=dt.date(year - 1, 7, 1), end=dt.date(year, 12, 31), share=Decimal("0.50"))
    other = UserFactory(organisation=org("E"))
    RoleAssignment.objects.create(role=role(Role.Code.EDITORIAL_MANAGER), user=other, organisation=other.organisation,
                                  start=dt.date(year, 7, 1), end=None, share=Decimal("0.40"))
    by_id = {r.organisation_id: r for r in selectors.role_costs(year)}
    rows = {code: by_id[org(code).pk] for code in ("C", "E")}
    assert rows["C"].share == Decimal("0.50") and rows["C"].annual_share == Decimal("0.5000")
    assert rows["C"].start == dt.date(year, 1, 1)
    days = (dt.date(year, 12, 31) - dt.date(year, 7, 1)).days + 1
    assert rows["E"].days == days
    assert rows["E"].annual_share == (Decimal("0.40") * days / (366 if year % 4 == 0 else 365)).quantize(
        Decimal("0.0001"))
    totals = sum(r.annual_share for r in selectors.role_costs(year) if r.organisation_id == org("C").pk)
    assert totals == Decimal("0.5000")
    assert selectors.role_costs(year - 2) == []


def test_permissions_follow_the_roles_and_the_steering_group(year):
    _sg, chair, _ = steering_group(year)
    lead, owner, editor, support, nobody = (UserFactory() for _ in range(5))
    assign(Role.Code.WEB_LEAD, lead, year=year)
    assign(Role.Code.FEATURE_OWNER, owner, year=year)
    assign(Role.Code.EDITORIAL_MANAGER, editor, year=year)
    assign(Role.Code.SUPPORT_OWNER, support, year=year)
    at(dt.date(year, 6, 1))
    assert lead.has_perm("webadmin.lead_web") and not owner.has_perm("webadmin.lead_web")
    assert owner.has_perm("webadmin.triage_requests") and not lead.has_perm("webadmin.triage_requests")
    assert editor.has_perm("webadmin.edit_handbook") and support.has_perm("webadmin.edit_handbook") and not owner.has_perm("webadmin.edit_handbook")
    assert chair.has_perm("webadmin.decide_web") and not lead.has_perm("webadmin.decide_web")
    assert not any(nobody.has_perm(f"webadmin.{c}") for c in ("lead_web", "triage_requests", "edit_handbook", "decide_web"))
    # The next year nothing of this holds.
    at(dt.date(year + 1, 1, 1))
    lead = type(lead).objects.get(pk=lead.pk)
    chair = type(chair).objects.get(pk=chair.pk)
    assert not lead.has_perm("webadmin.lead_web") and not chair.has_perm("webadmin.decide_web")


def test_ending_an_assignment_revokes_the_permission(year):
    owner = UserFactory()
    a = assign(Role.Code.FEATURE_OWNER, owner, year=year)
    at(dt.date(year, 6, 1))
    assert owner.has_perm("webadmin.triage_requests")
    services.role_assignment_end(assignment=a, end=dt.date(year, 6, 30), actor=None)
    at(dt.date(year, 7, 1))
    assert not type(owner).objects.get(pk=owner.pk).has_perm("webadmin.triage_requests")


def test_assign_view_records_the_decision(client, year):
    _sg, chair, _ = steering_group(year)
    client.force_login(chair)
    person = UserFactory(organisation=org("E"))
    response = client.post("/webb/roller/tilldela/", {
        "role": role(Role.Code.SUPPORT_OWNER).pk, "user": person.pk, "start": f"{year}-02-01", "end": "",
        "share": "0.30", "salary_cost": "550000", "social_fee_rate": "0.3142", "decided_on": f"{year}-01-20",
        "note": "",
    })
    assert response.status_code == 302
    a = RoleAssignment.objects.get(user=person)
    assert a.share == Decimal("0.30")
    assert a.salary_cost == Decimal("550000") and a.social_fee_rate == Decimal("0.3142")
    assert SteeringDecision.objects.filter(assignment=a, recorded_by=chair).exists()
    # A broken rule shows on the form (never a 500).
    response = client.post("/webb/roller/tilldela/", {
        "role": role(Role.Code.SUPPORT_OWNER).pk, "user": UserFactory().pk, "start": f"{year}-03-01", "end": "",
        "share": "0.30", "salary_cost": "550000", "social_fee_rate": "0.3142", "decided_on": f"{year}-01-20",
        "note": "",
    })
    assert response.status_code == 200
    assert "already held by" in response.content.decode()



def test_the_same_person_cannot_hold_a_role_twice_at_once(year):
    contact = UserFactory(organisation=org("IT"))
    services.role_assign(role=role(Role.Code.SYSTEM_ADMINISTRATOR), user=contact, start=dt.date(year, 1, 1),
                         decided_on=dt.date(year, 1, 1), actor=None)
    with pytest.raises(ValidationError, match="already holds"):
        services.role_assign(role=role(Role.Code.SYSTEM_ADMINISTRATOR), user=contact, start=dt.date(year, 3, 1),
                             decided_on=dt.date(year, 1, 1), actor=None)
