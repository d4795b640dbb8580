"""Follow-up at a glance in the demo: the plan, Dalarna's action plan and the evaluation overview show
traffic lights as the demo's people see them — for the quarters that have ended on the day the demo
is seeded (annualplan/demo.py: one at risk in the second quarter, one off track with its analysis and
two at risk in the third). (A module of its own: the demo data is the module's database.)"""
import pytest
from django.urls import reverse

from annualplan.demo import LIGHTS
from annualplan.models import FollowUp, Light, UnitActionPlan


@pytest.mark.usefixtures("demo", "db")
def test_the_demo_shows_lights_on_the_plan_the_action_plan_and_the_evaluation(login, today):
    client = login("chair")
    plan = client.get(reverse("annualplan:plan_detail", kwargs={"year": today.year})).content.decode()
    last = min(3, (today.month - 1) // 3)  # the quarters reported on the demo date
    assert (FollowUp.objects.filter(activity__plan__year=today.year).order_by("-quarter")
            .values_list("quarter", flat=True).first() or 0) == last
    # Each activity's light is its latest quarter's: what LIGHTS gives for that quarter, else on track.
    expected = [by_quarter[last][0] for prefix, by_quarter in LIGHTS.items()
                if last in by_quarter and not prefix.startswith("Tillgänglighetsgranskning")]
    for light in (Light.AT_RISK, Light.OFF_TRACK):
        assert plan.count(f"light light-{light}") == expected.count(light), light
    if last:
        assert plan.count("light light-on_track") >= 5
    if Light.OFF_TRACK in expected:
        red = FollowUp.objects.get(activity__plan__year=today.year, quarter=last, light=Light.OFF_TRACK)
        assert red.analysis and red.activity.title.startswith("Gemensamt mediearbete")
    dalarna = UnitActionPlan.objects.get(organisation__code="W", year=today.year)
    at_risk = last == 3  # Dalarna's accessibility review, in the third quarter
    page = login("infochef").get(dalarna.get_absolute_url()).content.decode()
    assert ("light light-at_risk" in page) == at_risk
    evaluation = client.get(reverse("annualplan:evaluation", kwargs={"year": today.year}), {"light": Light.AT_RISK})
    assert (dalarna.get_absolute_url() in evaluation.content.decode()) == at_risk
