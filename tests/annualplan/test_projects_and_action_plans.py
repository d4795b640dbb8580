"""Development projects (propose, apply, decide, participate) and the organisations' action plans
(agency isolation, measures, evaluation overview), with the demo data."""
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from annualplan import services
from annualplan.models import DevelopmentProject, FundingApplication, Measure, UnitActionPlan
from annualplan.selectors import evaluation_overview
from governance.people.models import Organisation, User

pytestmark = pytest.mark.usefixtures("demo", "db")


def user(name):
    return User.objects.get(username=name)


# --- Development projects -----------------------------------------------------------------------
def test_anyone_in_the_network_proposes_and_the_steering_group_applies(login):
    client = login("communicator")
    response = client.post(reverse("annualplan:project_create"), {"title": "Poddstudio", "description": "En studio"})
    project = DevelopmentProject.objects.get(title="Poddstudio")
    assert response.status_code == 302 and project.status == "proposed"
    # The proposer may edit the proposal, but not apply for funds.
    assert client.get(reverse("annualplan:project_edit", kwargs={"pk": project.pk})).status_code == 200
    assert client.get(reverse("annualplan:funding_apply", kwargs={"pk": project.pk})).status_code == 403
    client = login("chair")
    response = client.post(reverse("annualplan:funding_apply", kwargs={"pk": project.pk}),
                           {"amount": "300000", "motivation": "Behövs"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "applied"


def test_the_directors_are_told_an_application_waits_and_see_it_on_min_sida(login):
    from governance.notifications.models import Notification

    project = DevelopmentProject.objects.get(title="Klarspråksakademin")
    application = services.funding_apply(project=project, amount=Decimal("120000"), motivation="Kurser",
                                         actor=user("chair"))
    told = Notification.objects.filter(kind="annualplan_funding", occasion="applied")
    assert user("director") in [n.recipient for n in told]
    from django.utils import translation

    with translation.override("sv"):  # stored untranslated, written in the reader's language
        assert all("väntar på ert beslut" in n.subject_text for n in told)
    assert all("waits for your decision" in n.subject_text for n in told)
    decide = reverse("annualplan:funding_decide", kwargs={"pk": application.pk})
    page = login("director").get(reverse("governance:home")).content.decode()
    assert "Development funds to decide" in page and decide in page  # this module reads in English
    assert decide not in login("chair").get(reverse("governance:home")).content.decode()


def test_people_outside_the_network_cannot_propose():
    with pytest.raises(PermissionDenied):
        services.project_propose(title="x", description="y", actor=user("g7"))


def test_a_second_pending_application_is_refused():
    project = DevelopmentProject.objects.get(title="Gemensam mediebank")
    with pytest.raises(ValidationError, match="already waiting for the directors' decision"):
        services.funding_apply(project=project, amount=Decimal("1"), motivation="x", actor=user("chair"))


def test_the_directors_grant_partly_with_an_amount(login):
    application = FundingApplication.objects.get(project__title="Gemensam mediebank")
    url = reverse("annualplan:funding_decide", kwargs={"pk": application.pk})
    client = login("director")
    # A partial grant of the whole amount is refused, on the page.
    response = client.post(url, {"decision": "partly_granted", "granted_amount": "450000"})
    assert response.status_code == 200
    assert "A partial grant is more than 0 kr and less than" in response.content.decode()
    response = client.post(url, {"decision": "partly_granted", "granted_amount": "300000", "comment": "Etapp 1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.decision, application.granted_amount) == ("partly_granted", Decimal("300000"))
    assert application.decided_by == user("director") and application.decided_at
    assert application.project.status == "funded"
    with pytest.raises(ValidationError, match="already been decided"):
        services.funding_decide(application=application, decision="declined", actor=user("director"))


def test_a_full_grant_is_the_amount_applied_for_and_a_decline_is_zero():
    application = FundingApplication.objects.get(project__title="Gemensam mediebank")
    with pytest.raises(ValidationError, match="A full grant is the amount applied for"):
        services.funding_decide(application=application, decision="granted", granted_amount=Decimal("1"),
                                actor=user("director"))
    services.funding_decide(application=application, decision="declined", actor=user("director"))
    application.refresh_from_db()
    assert application.granted_amount == Decimal("0")
    assert application.project.status == "declined"


def test_the_steering_group_cannot_grant_its_own_application():
    application = FundingApplication.objects.get(project__title="Gemensam mediebank")
    with pytest.raises(PermissionDenied, match="Only the county directors' group"):
        services.funding_decide(application=application, decision="granted", actor=user("chair"))


def test_participants_join_for_periods_and_milestones_are_tracked(login, today):
    project = DevelopmentProject.objects.get(title="Ny gemensam webbplattform")
    client = login("steering")
    org = Organisation.objects.get(code="Z")
    response = client.post(reverse("annualplan:participant_add", kwargs={"pk": project.pk}),
                           {"organisation": org.pk, "role": "Testare", "start": f"{today.year}-10-01",
                            "end": f"{today.year}-09-01"})
    assert response.status_code == 200 and "must not be before the start date" in response.content.decode()
    response = client.post(reverse("annualplan:participant_add", kwargs={"pk": project.pk}),
                           {"organisation": org.pk, "role": "Testare", "start": f"{today.year}-10-01"})
    assert response.status_code == 302
    assert project.participants.filter(organisation=org).exists()
    milestone = project.milestones.filter(done_on__isnull=True).first()
    client.post(reverse("annualplan:milestone_done", kwargs={"pk": milestone.pk}))
    milestone.refresh_from_db()
    assert milestone.done_on == today


def test_completing_a_project_needs_an_outcome():
    project = DevelopmentProject.objects.get(title="Ny gemensam webbplattform")
    with pytest.raises(ValidationError, match="Describe the outcome"):
        services.project_update(project=project, actor=user("chair"), expected_version=project.version,
                                status="completed", outcome="")


# --- Action plans ----------------------------------------------------------------------------------
def test_org_b_cannot_edit_org_a_action_plan(login):
    dalarna = UnitActionPlan.objects.get(organisation__code="W")
    for name in ("chair", "weblead"):
        client = login(name)
        assert client.post(reverse("annualplan:unit_plan_edit", kwargs={"pk": dalarna.pk}),
                           {"summary": "Kapat", "version": dalarna.version}).status_code == 403
        assert client.post(reverse("annualplan:measure_create", kwargs={"pk": dalarna.pk}),
                           {"title": "Kapat", "status": "planned"}).status_code == 403
    dalarna.refresh_from_db()
    assert dalarna.summary != "Kapat"
    with pytest.raises(PermissionDenied, match="Only the people of Dalarna"):
        services.measure_save(unit_plan=dalarna, actor=user("chair"), title="x", status="planned")


def test_an_organisation_writes_its_own_plan(login, today):
    client = login("weblead")
    uppsala = Organisation.objects.get(code="C")
    response = client.post(reverse("annualplan:unit_plan_create"),
                           {"organisation": uppsala.pk, "year": today.year + 1, "summary": "Nästa år"})
    assert response.status_code == 302
    unit_plan = UnitActionPlan.objects.get(organisation=uppsala, year=today.year + 1)
    # Only its own organisation is offered; another is refused by the form.
    response = client.post(reverse("annualplan:unit_plan_create"),
                           {"organisation": Organisation.objects.get(code="W").pk, "year": today.year + 1})
    assert response.status_code == 200
    assert client.get(reverse("annualplan:unit_plan_edit", kwargs={"pk": unit_plan.pk})).status_code == 200
    # One per organisation and year.
    with pytest.raises(ValidationError, match="already has an action plan"):
        services.unit_plan_create(organisation=uppsala, year=today.year + 1, actor=user("weblead"))


def test_a_done_measure_needs_a_reported_effect(login):
    dalarna = UnitActionPlan.objects.get(organisation__code="W")
    response = login("communicator").post(reverse("annualplan:measure_create", kwargs={"pk": dalarna.pk}),
                                          {"title": "Ny åtgärd", "status": "done", "reported_effect": ""})
    assert response.status_code == 200
    assert "Report the effect of a measure that is done." in response.content.decode()
    assert not Measure.objects.filter(title="Ny åtgärd").exists()


def test_goals_link_only_to_the_shared_plan_of_the_year(today):
    from annualplan.models import PlanGoal

    dalarna = UnitActionPlan.objects.get(organisation__code="W")
    foreign = PlanGoal.objects.filter(plan__year=today.year + 1).first()
    with pytest.raises(ValidationError, match="Link only goals of the shared plan"):
        services.unit_plan_update(unit_plan=dalarna, actor=user("infochef"), summary="x", goals=[foreign],
                                  expected_version=dalarna.version)


def test_the_evaluation_overview_covers_all_22(login, today):
    rows = evaluation_overview(today.year)
    assert len(rows) == 22
    w = next(r for r in rows if r.organisation.code == "W")
    assert (w.measures, w.done, w.effects, w.surveys, w.followed_up) == (3, 1, 1, 1, 1)
    assert sum(1 for r in rows if r.action_plan) == 4
    response = login("director").get(reverse("annualplan:evaluation", kwargs={"year": today.year}))
    assert "4 of 22 organisations have an action plan." in response.content.decode()


def test_a_survey_is_edited_and_marked_followed_up_and_a_stale_edit_is_refused(login, today):
    """Issue 15: a survey could not be edited, so it could never be marked as followed up."""

    dalarna = UnitActionPlan.objects.get(organisation__code="W", year=today.year)
    survey = services.survey_save(unit_plan=dalarna, actor=user("infochef"), title="Enkät till redaktörer",
                                  conducted_on=today.replace(day=1))
    assert (survey.followed_up, survey.version) == (False, 1)
    client = login("infochef")
    page = client.get(reverse("annualplan:unit_plan_detail", kwargs={"pk": dalarna.pk})).content.decode()
    assert reverse("annualplan:survey_edit", kwargs={"pk": survey.pk}) in page
    url = reverse("annualplan:survey_edit", kwargs={"pk": survey.pk})
    form = {"title": "Enkät till redaktörer", "conducted_on": today.replace(day=1).isoformat(), "followed_up": "on",
            "follow_up_notes": "Åtgärder beslutade i ledningsgruppen.", "version": "1"}
    assert client.post(url, form).status_code == 302
    survey.refresh_from_db()
    assert (survey.followed_up, survey.follow_up_notes, survey.version) == (
        True, "Åtgärder beslutade i ledningsgruppen.", 2)
    # A second editor who started from version 1 is shown the conflict and keeps their input.
    stale = client.post(url, {**form, "follow_up_notes": "Min egen text"})
    assert stale.status_code == 200 and "Min egen text" in stale.content.decode()
    survey.refresh_from_db()
    assert survey.follow_up_notes == "Åtgärder beslutade i ledningsgruppen."
    # A survey is recorded once it has been run; another organisation may not edit it.
    future = client.post(url, {**form, "version": "2", "conducted_on": "2099-01-01"})
    assert future.status_code == 200 and "2099" in future.content.decode()
    survey.refresh_from_db()
    assert survey.conducted_on == today.replace(day=1)
    assert login("weblead").post(url, {**form, "version": "2"}).status_code == 403


def test_two_editors_of_one_measure_do_not_lose_an_update(login):
    measure = Measure.objects.filter(action_plan__organisation__code="W").order_by("pk").first()
    url = reverse("annualplan:measure_edit", kwargs={"pk": measure.pk})
    client = login("infochef")
    form = {"title": measure.title, "goal": measure.goal_id or "", "planned_effect": "Först",
            "status": measure.status, "reported_effect": measure.reported_effect, "version": measure.version}
    assert client.post(url, form).status_code == 302
    second = client.post(url, {**form, "planned_effect": "Andra"})
    assert second.status_code == 200 and "Andra" in second.content.decode()
    measure.refresh_from_db()
    assert measure.planned_effect == "Först"
