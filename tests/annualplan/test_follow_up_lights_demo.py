"""Follow-up at a glance in the demo: the plan, Dalarna's action plan and the evaluation overview show
traffic lights (most on track, one at risk, one off track with its analysis), as the demo's people
see them. (A module of its own: the demo data is the module's database.)"""
import pytest
from django.urls import reverse

from annualplan.models import FollowUp, Light, UnitActionPlan


@pytest.mark.usefixtures("demo", "db")
def test_the_demo_shows_lights_on_the_plan_the_action_plan_and_the_evaluation(login, today):
    client = login("chair")
    plan = client.get(reverse("annualplan:plan_detail", kwargs={"year": today.year})).content.decode()
    quarter = FollowUp.objects.filter(activity__plan__year=today.year).order_by("-quarter").values_list(
        "quarter", flat=True).first()
    if quarter is None or quarter < 3:
        pytest.skip("the demo date is before the third quarter's follow-up")
    assert plan.count("light light-on_track") >= 5
    assert plan.count("light light-at_risk") == 1 and plan.count("light light-off_track") == 1
    red = FollowUp.objects.get(activity__plan__year=today.year, light=Light.OFF_TRACK)
    assert red.analysis and red.activity.title.startswith("Gemensamt mediearbete")
    dalarna = UnitActionPlan.objects.get(organisation__code="W", year=today.year)
    assert "light light-at_risk" in login("infochef").get(dalarna.get_absolute_url()).content.decode()
    evaluation = client.get(reverse("annualplan:evaluation", kwargs={"year": today.year}), {"light": Light.AT_RISK})
    assert dalarna.get_absolute_url() in evaluation.content.decode()
