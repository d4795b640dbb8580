"""The pages with the demo data: the journey's steps, refusals shown on the page (never a 500),
conflicts that keep what the user typed, and the Content Security Policy."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from annualplan.models import Activity, ConsultationAnswer, Plan, PlanVersion

pytestmark = pytest.mark.usefixtures("demo", "db")

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>")


def _year(today, offset=0):
    return today.year + offset


def assert_csp_clean(response):
    content = response.content
    assert b" style=" not in content and b"<style" not in content
    assert not INLINE_SCRIPT.search(content)
    assert not re.search(rb"\son[a-z]+=", content)


@pytest.mark.parametrize("name", ["plan_detail", "follow_up", "plan_versions", "consultation_status", "plan_print"])
def test_pages_keep_the_content_security_policy_and_have_one_h1(login, today, name):
    response = login("chair").get(reverse(f"annualplan:{name}", kwargs={"year": today.year}))
    assert response.status_code == 200
    assert_csp_clean(response)
    assert response.content.count(b"<h1") == 1
    assert b"<caption>" in response.content


def test_the_plan_shows_who_has_answered(login, today):
    response = login("infochef").get(reverse("annualplan:plan_detail", kwargs={"year": _year(today, 1)}))
    assert "14 of 22 organisations have answered" in response.content.decode()
    assert reverse("annualplan:consultation_answer", kwargs={"year": _year(today, 1)}) in response.content.decode()


def test_infochef_answers_the_consultation(login, today):
    client = login("infochef")
    url = reverse("annualplan:consultation_answer", kwargs={"year": _year(today, 1)})
    page = client.get(url)
    assert b'<label' in page.content and b"Comments" in page.content
    from governance.people.models import Organisation

    w = Organisation.objects.get(code="W")
    # An objection without comments is refused on the page, with the input kept.
    response = client.post(url, {"organisation": w.pk, "position": "object", "comments": ""})
    assert response.status_code == 200
    assert "Write your comments" in response.content.decode()
    response = client.post(url, {"organisation": w.pk, "position": "endorse_comments", "comments": "Bra!"})
    assert response.status_code == 302
    assert ConsultationAnswer.objects.get(plan__year=_year(today, 1), organisation=w).comments == "Bra!"
    detail = client.get(reverse("annualplan:plan_detail", kwargs={"year": _year(today, 1)}))
    assert "15 of 22 organisations have answered" in detail.content.decode()


def test_an_information_manager_cannot_answer_for_another_organisation(login, today):
    from governance.people.models import Organisation

    url = reverse("annualplan:consultation_answer", kwargs={"year": _year(today, 1)})
    other = Organisation.objects.get(code="F")
    response = login("infochef").post(url, {"organisation": other.pk, "position": "endorse", "comments": ""})
    assert response.status_code == 200  # not a choice in the form: refused on the page
    assert not ConsultationAnswer.objects.filter(plan__year=_year(today, 1), organisation=other,
                                                 answered_by__username="infochef").exists()


def test_a_refused_transition_is_shown_on_the_page(login, today):
    client = login("chair")
    url = reverse("annualplan:plan_open_consultation", kwargs={"year": today.year})
    response = client.post(url, {"deadline": f"{today.year + 1}-01-31"}, follow=True)
    assert response.status_code == 200
    assert "you cannot open the consultation now" in response.content.decode()


def test_a_transition_by_someone_not_allowed_is_403_with_the_reason(login, today):
    response = login("steering").post(reverse("annualplan:plan_close_consultation", kwargs={"year": _year(today, 1)}))
    assert response.status_code == 403
    assert "Only the chair of the steering group can close the consultation." in response.content.decode()


@pytest.mark.parametrize("name", ["plan_vote", "plan_close_consultation", "plan_open_consultation", "plan_close",
                                  "plan_start_follow_up", "plan_mark_fee_decided", "plan_save_version",
                                  "goal_create"])
def test_actions_answer_get_with_405(login, today, name):
    assert login("chair").get(reverse(f"annualplan:{name}", kwargs={"year": today.year})).status_code == 405


def test_the_chair_closes_the_consultation_and_the_group_votes_in_the_browser(login, today, client):
    from governance.people.models import User

    year = _year(today, 1)
    client = login("chair")
    assert client.post(reverse("annualplan:plan_close_consultation", kwargs={"year": year}), {"confirmed": "1"}).status_code == 302
    assert Plan.objects.get(year=year).status == Plan.Status.REVISED
    for username in ["chair", "steering", "ic-ab", "ic-e"]:
        client.force_login(User.objects.get(username=username))
        client.post(reverse("annualplan:plan_vote", kwargs={"year": year}), {"choice": "approve"})
    plan = Plan.objects.get(year=year)
    assert plan.status == Plan.Status.ADOPTED
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Karin Lindqvist" in page and "Anders Berg" in page  # the decision with names


def test_two_people_edit_the_same_activity(login, today, client):
    """The second gets a conflict message and loses nothing they typed."""
    from governance.people.models import User

    plan = Plan.objects.get(year=_year(today, 1))
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.REVISED)
    activity = Activity.objects.filter(plan=plan).order_by("pk").first()
    url = reverse("annualplan:activity_edit", kwargs={"pk": activity.pk})
    base = {"title": activity.title, "area": activity.area_id, "description": activity.description,
            "goal": activity.goal, "responsible_organisation": activity.responsible_organisation_id,
            "responsible_person": activity.responsible_person_id or "", "budget": "1000",
            "sort_order": activity.sort_order, "version": activity.version}
    client.force_login(User.objects.get(username="chair"))
    assert client.post(url, {**base, "title": "Kortare titel"}).status_code == 302
    client.force_login(User.objects.get(username="steering"))
    typed = "Min långa beskrivning som inte får försvinna"
    response = client.post(url, {**base, "description": typed, "budget": "2000"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Someone else saved this activity" in content
    assert typed in content and 'value="2000"' in content
    assert "Kortare titel" in content  # the saved version is shown for comparison
    activity.refresh_from_db()
    assert activity.title == "Kortare titel" and activity.budget == Decimal("1000")
    # Saving again now deliberately overwrites (the form carries the current version).
    assert f'name="version" value="{activity.version}"' in content


def test_the_compare_page_shows_text_and_numbers(login, today):
    plan = Plan.objects.get(year=today.year)
    assert PlanVersion.objects.filter(plan=plan).count() >= 2
    response = login("communicator").get(reverse("annualplan:plan_compare", kwargs={"year": plan.year, "number": 2}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<ins>" in content  # text added to the introduction
    assert "Added" in content and "+150" in content  # new activities; the web budget grew by 150 000


def test_saving_a_version_and_comparing_it(login, today):
    client = login("steering")
    plan = Plan.objects.get(year=today.year)
    before = plan.versions.count()
    client.post(reverse("annualplan:plan_save_version", kwargs={"year": plan.year}))
    assert plan.versions.count() == before + 1
    response = client.get(reverse("annualplan:plan_compare", kwargs={"year": plan.year, "number": before + 1}))
    assert response.status_code == 200


def test_the_follow_up_chart_is_svg_with_presentation_attributes(login, today):
    response = login("g7").get(reverse("annualplan:follow_up", kwargs={"year": today.year}))
    content = response.content.decode()
    assert "<svg" in content and 'fill="#0b3d66"' in content
    assert_csp_clean(response)
    assert "Budget, outcome to date and forecast by area" in content  # the data table


def test_the_responsible_person_records_a_follow_up(login, today):
    activity = Activity.objects.filter(plan__year=today.year, responsible_person__username="weblead").first()
    url = reverse("annualplan:follow_up_edit", kwargs={"pk": activity.pk, "quarter": 4})
    response = login("weblead").post(url, {"status": "done", "comment": "Klart", "spent_to_date": "1200000",
                                           "forecast": "1400000"})
    assert response.status_code == 302
    assert activity.follow_ups.get(quarter=4).status == "done"


def test_unknown_plan_is_404(login):
    assert login("chair").get(reverse("annualplan:plan_detail", kwargs={"year": 1999})).status_code == 404


def test_the_nav_entry(login):
    response = login("communicator").get(reverse("governance:home"))
    assert reverse("annualplan:plan_list").encode() in response.content


def _form_urls(today):
    from annualplan.models import FundingApplication, UnitActionPlan

    nxt = Activity.objects.filter(plan__year=today.year + 1).order_by("pk").first()
    now = Activity.objects.filter(plan__year=today.year).order_by("pk").first()
    return [
        ("chair", reverse("annualplan:activity_edit", kwargs={"pk": nxt.pk})),
        ("chair", reverse("annualplan:assignment_create", kwargs={"pk": now.pk})),
        ("chair", reverse("annualplan:follow_up_edit", kwargs={"pk": now.pk, "quarter": 4})),
        ("chair", reverse("annualplan:plan_create")),
        ("infochef", reverse("annualplan:consultation_answer", kwargs={"year": today.year + 1})),
        ("director", reverse("annualplan:funding_decide",
                             kwargs={"pk": FundingApplication.objects.filter(decision="pending").first().pk})),
        ("infochef", reverse("annualplan:unit_plan_edit",
                             kwargs={"pk": UnitActionPlan.objects.get(organisation__code="W").pk})),
        ("communicator", reverse("annualplan:project_create")),
    ]


def test_form_pages_keep_the_policy_and_label_every_input(login, today):
    for username, url in _form_urls(today):
        response = login(username).get(url)
        assert response.status_code == 200, url
        assert_csp_clean(response)
        content = response.content.decode()
        for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', content):
            if 'type="hidden"' in content.split(f'id="{field_id}"')[0].rsplit("<", 1)[-1]:
                continue
            assert f'for="{field_id}"' in content, f"{url}: #{field_id} has no label"


def test_an_activity_is_made_from_a_forwarded_proposal(login, today):
    from governance.networks.models import Proposal
    from governance.people.models import Organisation, User

    proposal = Proposal.objects.create(title="Gemensam poddserie", description="En podd om länsstyrelserna",
                                       expected_benefit="Fler lyssnare", author=User.objects.get(username="communicator"),
                                       organisation=Organisation.objects.get(code="W"), status="forwarded")
    plan = Plan.objects.get(year=today.year + 1)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.REVISED)
    client = login("steering")
    url = reverse("annualplan:activity_create", kwargs={"year": plan.year})
    page = client.get(f"{url}?proposal={proposal.pk}").content.decode()
    assert 'value="Gemensam poddserie"' in page
    from annualplan.models import Area

    response = client.post(url, {"title": "Gemensam poddserie", "area": Area.objects.get(code="strategic").pk,
                                 "responsible_organisation": proposal.organisation_id, "budget": "50000",
                                 "sort_order": 1, "proposals": [proposal.pk]})
    assert response.status_code == 302
    activity = Activity.objects.get(plan=plan, title="Gemensam poddserie")
    assert list(activity.proposals.all()) == [proposal]
    assert list(proposal.plan_activities.all()) == [activity]
    assert activity.history.count() >= 2  # the link to the proposal is in the audit history too
