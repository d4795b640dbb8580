"""Authority as the governance text gives it, tried as the people who hit the old problems did:
lists that show exactly what their detail pages allow, the credit note both organisations find at
once, the budget the chair carries, development funds only the directors decide, deputies, and the
admin writing through the services."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError

from annualplan.models import DevelopmentProject, FundingApplication
from fees.models import Budget, Invoice
from fees.rules import visible_invoices
from governance.bodies.models import Body, Membership
from governance.meetings import selectors as meeting_selectors
from governance.meetings.models import Meeting
from governance.networks.models import Proposal
from governance.networks.selectors import proposals_for
from governance.people.models import Delegation, Organisation, User
from governance.people.rules import ballot_organisations, managed_organisations
from tests.conftest import DEMO_ROLES

pytestmark = pytest.mark.django_db


def demo_user(username: str) -> User:
    return User.objects.get(username=username)


# --- Lists show exactly what their detail pages allow ------------------------------------------------
@pytest.mark.parametrize("role", DEMO_ROLES)
def test_the_meeting_lists_show_exactly_the_meetings_each_role_may_open(demo, role):
    user = demo_user(role)
    listed = set(meeting_selectors.meetings_for_user(user).values_list("pk", flat=True))
    allowed = {m.pk for m in Meeting.objects.prefetch_related("joint_bodies").select_related("body")
               if user.has_perm("governance.view_meeting", m)}
    assert listed == allowed
    waiting = meeting_selectors.minutes_to_publish(user)
    assert all(user.has_perm("governance.manage_meeting", m) for m in waiting)


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_the_invoice_list_shows_exactly_the_invoices_each_role_may_open(demo, role):
    user = demo_user(role)
    listed = set(visible_invoices(user).values_list("pk", flat=True))
    allowed = {i.pk for i in Invoice.objects.all() if user.has_perm("fees.view_invoice", i)}
    assert listed == allowed


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_the_organisation_and_proposal_lists_match_their_rules(demo, role):
    user = demo_user(role)
    managed = list(managed_organisations(user))
    assert managed == [o for o in Organisation.objects.order_by("sort_order", "code")
                       if user.has_perm("governance.manage_organisation", o)]
    for proposal in proposals_for(user, managed_organisations=None if user.is_superuser else managed):
        assert user.has_perm("governance.view_proposal", proposal), proposal
    for organisation in ballot_organisations(user):
        assert user.has_perm("governance.cast_ballot", organisation)


@pytest.mark.parametrize("role", ["chair", "infochef", "former", "deputy"])
def test_every_meeting_linked_from_the_meeting_list_opens(demo, client, role):
    import re

    client.force_login(demo_user(role))
    page = client.get("/moten/?tidigare=1").content.decode()
    links = sorted(set(re.findall(r'href="/moten/(\d+)/"', page)))
    for pk in links:
        assert client.get(f"/moten/{pk}/").status_code == 200, pk


# --- The credit note -------------------------------------------------------------------------------------
def test_a_credit_note_is_found_at_once_by_both_organisations(demo, client):
    invoice = Invoice.objects.filter(kind=Invoice.Kind.INVOICE, organisation__code="W").exclude(
        status=Invoice.Status.CREDITED).first()
    issuer_im = Membership.objects.get(body__kind=Body.Kind.INFO_MANAGERS_NETWORK, organisation=invoice.issuer,
                                       end__isnull=True).user
    from fees import services

    note = services.invoice_credit(invoice=invoice, actor=issuer_im, reason="Fel belopp")
    for user in (demo_user("infochef"), issuer_im, demo_user("chair")):
        client.force_login(user)
        assert client.get(f"/avgifter/fakturor/{note.pk}/").status_code == 200, user
        assert note.number in client.get("/avgifter/fakturor/").content.decode(), user
    client.force_login(demo_user("steering"))  # Skåne is neither customer nor issuer
    assert client.get(f"/avgifter/fakturor/{note.pk}/").status_code == 404


# --- The budget: the chair carries it, the group prepares, the information managers propose the fee ------
def _next_budget() -> Budget:
    from governance.authority import today

    return Budget.objects.get(year=today().year + 1)


def test_an_information_manager_outside_the_group_cannot_edit_the_budget(demo, client):
    client.force_login(demo_user("infochef"))
    budget = _next_budget()
    assert client.get(f"/avgifter/budget/{budget.year}/andra/").status_code == 403
    from fees import services

    with pytest.raises(PermissionDenied):
        services.budget_update(budget=budget, actor=demo_user("infochef"), version=budget.version,
                               carry_over=budget.carry_over, other_income=budget.other_income,
                               development_funds=budget.development_funds, system_owner=org("W"), lines=[])
    assert demo_user("infochef").has_perm("fees.propose_fee", budget)  # but she proposes the fee


def test_only_the_chair_changes_the_system_owner(demo, client):
    budget = _next_budget()
    owner = budget.system_owner
    client.force_login(demo_user("steering"))
    page = client.get(f"/avgifter/budget/{budget.year}/andra/").content.decode()
    assert 'name="system_owner"' in page and "disabled" in page.split('name="system_owner"')[1][:300] or \
        "disabled" in page.split('name="system_owner"')[0][-300:]
    from fees import services

    with pytest.raises(PermissionDenied, match="ordförande|chair"):
        services.budget_update(budget=budget, actor=demo_user("steering"), version=budget.version,
                               carry_over=budget.carry_over, other_income=budget.other_income,
                               development_funds=budget.development_funds, system_owner=org("W"), lines=[])
    budget.refresh_from_db()
    assert budget.system_owner == owner
    services.budget_update(budget=budget, actor=demo_user("chair"), version=budget.version,
                           carry_over=budget.carry_over, other_income=budget.other_income,
                           development_funds=budget.development_funds, system_owner=org("W"), lines=[])
    budget.refresh_from_db()
    assert budget.system_owner.code == "W"


def test_last_years_budget_is_closed_to_editing(demo):
    from governance.authority import today

    old = Budget.objects.filter(year__lt=today().year).order_by("-year").first()
    assert old is not None
    assert not demo_user("chair").has_perm("fees.edit_budget", old)


# --- Development funds follow only from the directors' decision ----------------------------------------
def _declined_project() -> DevelopmentProject:
    from annualplan import services

    chair, director = demo_user("chair"), demo_user("director")
    project = services.project_propose(title="Ny plattform", description="Webbplattform", actor=chair)
    application = services.funding_apply(project=project, amount=Decimal("100000"), motivation="Behov", actor=chair)
    services.funding_decide(application=application, decision=FundingApplication.Decision.DECLINED, actor=director)
    project.refresh_from_db()
    assert project.status == DevelopmentProject.Status.DECLINED
    return project


def test_the_steering_group_cannot_fund_a_project_the_directors_declined(demo):
    from annualplan import services

    project = _declined_project()
    with pytest.raises(ValidationError, match="länsrådsgrupp|directors"):
        services.project_update(project=project, actor=demo_user("chair"), expected_version=project.version,
                                status=DevelopmentProject.Status.FUNDED)
    project.refresh_from_db()
    assert project.status == DevelopmentProject.Status.DECLINED


def test_the_project_form_offers_only_what_the_group_may_set(demo, client):
    project = _declined_project()
    client.force_login(demo_user("chair"))
    page = client.get(f"/verksamhetsplan/utvecklingsprojekt/{project.pk}/andra/").content.decode()
    assert 'value="funded"' not in page and 'value="cancelled"' in page
    response = client.post(f"/verksamhetsplan/utvecklingsprojekt/{project.pk}/andra/", {
        "title": project.title, "description": project.description, "status": "funded", "plan": "",
        "outcome": "", "version": project.version})
    assert response.status_code == 200  # back to the form with the error, nothing saved
    project.refresh_from_db()
    assert project.status == DevelopmentProject.Status.DECLINED


# --- Deputies -------------------------------------------------------------------------------------------
def test_a_deputys_ballot_records_the_mandate(demo):
    from governance.elections import services as election_services
    from governance.elections.models import Election

    election = Election.objects.order_by("-year").first()
    if election.status != Election.Status.BALLOT:
        Election.objects.filter(pk=election.pk).update(status=Election.Status.BALLOT)
        election.refresh_from_db()
    candidates = [m.user for m in Membership.objects.filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK,
                                                            end__isnull=True).select_related("user")[:6]]
    ballot = election_services.ballot_cast(election=election, candidates=candidates, chair_vote=candidates[0],
                                           actor=demo_user("deputy"))
    assert ballot.organisation.code == "W" and ballot.cast_by.username == "deputy"
    assert ballot.mandate == Delegation.objects.get(user__username="deputy", permission__codename="cast_ballot")


def test_a_deputy_has_only_the_rights_named(demo):
    deputy, dalarna = demo_user("deputy"), org("W")
    assert deputy.has_perm("governance.cast_ballot", dalarna)
    assert deputy.has_perm("governance.register_conference", dalarna)
    assert not deputy.has_perm("governance.answer_consultation", dalarna)
    assert not deputy.has_perm("governance.manage_organisation", dalarna)
    assert not deputy.has_perm("governance.cast_ballot", org("F"))


def test_naming_a_deputy_in_the_browser_form_and_both_see_it(demo, client):
    from governance.authority import today

    infochef = demo_user("infochef")
    colleague = User.objects.filter(organisation__code="W", is_active=True).exclude(
        username__in=["infochef", "deputy"]).first()
    client.force_login(infochef)
    page = client.get("/ersattare/")
    assert page.status_code == 200
    day = today()
    response = client.post("/ersattare/", {
        "organisation": org("W").pk, "deputy": colleague.pk, "scope": "answer_consultation",
        "reason": "Remissveckan", "start": day.isoformat(), "end": (day + dt.timedelta(days=7)).isoformat()})
    assert response.status_code == 302
    assert colleague.has_perm("governance.answer_consultation", org("W"))
    client.force_login(colleague)
    home = client.get("/").content.decode()
    assert "Dalarna" in home and "ersättare" in home.lower()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("start", "2000-01-01", "bakåt i tiden|in the past"),
    ("end", "1999-01-01", "(?i)slutdatum|end date"),
    ("reason", "   ", "fyllas i|required"),
    ("deputy", "OTHER_ORG", "Välj ett giltigt|Select a valid"),
])
def test_naming_a_deputy_refuses_bad_input_in_swedish_and_keeps_it(demo, client, field, value, message):
    from governance.authority import today

    day = today()
    data = {"organisation": org("W").pk, "deputy": demo_user("communicator").pk, "scope": "cast_ballot",
            "reason": "Ledighet", "start": day.isoformat(), "end": (day + dt.timedelta(days=3)).isoformat()}
    data[field] = demo_user("chair").pk if value == "OTHER_ORG" else value
    client.force_login(demo_user("infochef"))
    before = Delegation.objects.count()
    response = client.post("/ersattare/", data)
    assert response.status_code == 200
    import re

    assert re.search(message, response.content.decode())
    assert Delegation.objects.count() == before


def test_only_the_information_manager_names_or_ends_deputies(demo, client):
    delegation = Delegation.objects.filter(content_object__code="W").first()
    client.force_login(demo_user("chair"))  # Jönköping's information manager, not Dalarna's
    assert client.post(f"/ersattare/{delegation.pk}/avsluta/").status_code == 403
    client.force_login(demo_user("deputy"))
    assert client.post("/ersattare/", {"organisation": org("W").pk}).status_code == 403
    client.force_login(demo_user("infochef"))
    assert client.post(f"/ersattare/{delegation.pk}/avsluta/").status_code == 302
    assert not demo_user("deputy").has_perm(f"governance.{delegation.permission.codename}", org("W"))


def test_both_people_see_a_mandate_on_min_sida_until_it_is_ended(demo, client):
    """The deputy sees the mandate they hold (for which organisation, named by whom), the information
    manager the deputy they named; once ended it is on neither start page."""
    delegation = Delegation.objects.filter(user__username="deputy", content_object__code="W").first()
    client.force_login(demo_user("deputy"))
    page = client.get("/").content.decode()
    assert "Du är ersättare" in page and delegation.content_object.short_name in page
    assert str(delegation.granted_by) in page
    client.force_login(demo_user("infochef"))
    page = client.get("/").content.decode()
    assert "Ersättare du har utsett" in page and str(delegation.user) in page
    for mandate in Delegation.objects.filter(user__username="deputy", revoked_at__isnull=True):
        assert client.post(f"/ersattare/{mandate.pk}/avsluta/").status_code == 302
    assert "Ersättare du har utsett" not in client.get("/").content.decode()
    client.force_login(demo_user("deputy"))
    assert "Du är ersättare" not in client.get("/").content.decode()


# --- The admin writes through the services --------------------------------------------------------------
def test_the_admin_refuses_a_second_information_manager_with_the_rule(demo, client):
    client.force_login(demo_user("admin"))
    network = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)
    newcomer = User.objects.filter(organisation__code="W", username__startswith="kom-").first()
    before = Membership.objects.count()
    response = client.post("/admin/governance/membership/add/", {
        "body": network.pk, "user": newcomer.pk, "organisation": org("W").pk, "position": "member",
        "role_description": "", "start": "2026-01-01", "end": ""})
    assert response.status_code == 200
    assert "informationschef" in response.content.decode().lower()
    assert Membership.objects.count() == before


def test_an_admin_membership_is_audited_and_gives_rights_at_once(demo, client):
    admin = demo_user("admin")
    client.force_login(admin)
    g7 = Body.objects.get(kind=Body.Kind.G7)
    person = demo_user("communicator")
    assert not person.has_perm("governance.view_g7_reports")
    response = client.post("/admin/governance/membership/add/", {
        "body": g7.pk, "user": person.pk, "organisation": person.organisation_id, "position": "member",
        "role_description": "", "start": "2026-01-01", "end": ""})
    assert response.status_code == 302, [str(m) for m in get_messages(response.wsgi_request)]
    membership = Membership.objects.get(body=g7, user=person)
    assert membership.history.latest().history_user == admin
    assert person.has_perm("governance.view_g7_reports")


def test_the_admin_has_no_object_permission_pages(demo, client):
    from django.urls import NoReverseMatch, reverse

    for model in ("governance_organisation", "governance_body", "annualplan_plan", "fees_budget",
                  "fees_invoice", "webadmin_webcooperation", "governance_election"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:{model}_permissions", args=[1])


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def test_no_proposal_is_shown_to_the_steering_group_before_it_is_forwarded(demo):
    steering = demo_user("steering")
    for proposal in Proposal.objects.exclude(status=Proposal.Status.FORWARDED).exclude(author=steering):
        if proposal.organisation.code != "M":
            assert not steering.has_perm("governance.view_proposal", proposal)


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_the_budget_list_shows_exactly_the_budgets_each_role_may_open(demo, role):
    from fees.rules import visible_budgets

    user = demo_user(role)
    assert set(visible_budgets(user)) == {b for b in Budget.objects.all() if user.has_perm("fees.view_budget", b)}


def test_a_mandate_is_audited_from_grant_to_revocation(demo):
    from governance.people import services as delegation_services

    delegation = Delegation.objects.filter(content_object__code="W").first()
    delegation_services.delegation_revoke(delegation=delegation, actor=demo_user("infochef"))
    history = list(delegation.history.order_by("history_date", "history_id"))
    assert [h.history_change_reason for h in history] == ["deputy named", "mandate revoked"]
    assert {h.history_user.username for h in history} == {"infochef"}
    assert history[-1].revoked_by.username == "infochef"
