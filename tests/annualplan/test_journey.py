"""The whole workflow through the pages, as the demo accounts do it in the browser."""
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from annualplan.models import Activity, Area, Plan, PlanDecision, ResourceAssignment
from governance.people.models import Organisation, User

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_draft_to_closed_in_the_browser(client, today):
    year = today.year + 2
    as_ = lambda name: client.force_login(User.objects.get(username=name))  # noqa: E731
    f, w = Organisation.objects.get(code="F"), Organisation.objects.get(code="W")

    as_("chair")
    r = client.post(reverse("annualplan:plan_create"), {"year": year, "title": f"Verksamhetsplan {year}",
                                                         "introduction": "Utkast"})
    assert r.status_code == 302
    plan_url = reverse("annualplan:plan_detail", kwargs={"year": year})
    client.post(reverse("annualplan:goal_create", kwargs={"year": year}), {"title": "Tydlig kommunikation"})
    r = client.post(reverse("annualplan:activity_create", kwargs={"year": year}), {
        "title": "Kriskommunikationsövning", "area": Area.objects.get(code="crisis").pk, "description": "Övning",
        "goal": "Beredskap", "responsible_organisation": f.pk, "budget": "300000", "sort_order": 10})
    assert r.status_code == 302
    activity = Activity.objects.get(plan__year=year)
    r = client.post(reverse("annualplan:assignment_create", kwargs={"pk": activity.pk}), {
        "organisation": f.pk, "role": "Samordnare", "share": "0.5", "salary_cost": "600000",
        "social_fee_rate": "0.3142"})
    assert r.status_code == 302
    assert ResourceAssignment.objects.get(activity=activity).compensation == Decimal("394260.00")
    assert "394" in client.get(activity.get_absolute_url()).content.decode()

    # A member who is not chair cannot send it for consultation.
    as_("steering")
    r = client.post(reverse("annualplan:plan_open_consultation", kwargs={"year": year}), {"deadline": f"{year}-01-15"})
    assert r.status_code == 403
    as_("chair")
    r = client.post(reverse("annualplan:plan_open_consultation", kwargs={"year": year}),
                    {"deadline": today.replace(year=today.year + 1).isoformat()}, follow=True)
    assert "The plan is out for consultation." in r.content.decode()

    as_("infochef")
    r = client.post(reverse("annualplan:consultation_answer", kwargs={"year": year}),
                    {"organisation": w.pk, "position": "endorse", "comments": ""})
    assert r.status_code == 302
    assert "1 of 22 organisations have answered" in client.get(plan_url).content.decode()

    as_("chair")
    client.post(reverse("annualplan:plan_close_consultation", kwargs={"year": year}), {"confirmed": "1"})
    # Three for, three against: the chair's vote decides.
    for name, choice in [("chair", "approve"), ("steering", "approve"), ("ic-ab", "approve"),
                         ("ic-e", "reject"), ("ic-o", "reject"), ("ic-bd", "reject")]:
        as_(name)
        assert client.post(reverse("annualplan:plan_vote", kwargs={"year": year}), {"choice": choice}).status_code == 302
    plan = Plan.objects.get(year=year)
    assert plan.status == Plan.Status.ADOPTED
    assert PlanDecision.objects.get(plan=plan).chair_decided

    as_("director")
    client.post(reverse("annualplan:plan_mark_fee_decided", kwargs={"year": year}))
    as_("chair")
    client.post(reverse("annualplan:plan_start_follow_up", kwargs={"year": year}))
    as_("steering")
    r = client.post(reverse("annualplan:follow_up_edit", kwargs={"pk": activity.pk, "quarter": 1}),
                    {"status": "ongoing", "comment": "Planerad", "spent_to_date": "20000", "forecast": "310000"})
    assert r.status_code == 302
    follow_up = client.get(reverse("annualplan:follow_up", kwargs={"year": year})).content.decode()
    assert "310" in follow_up and "<svg" in follow_up
    wb = load_workbook(io.BytesIO(client.get(reverse("annualplan:plan_xlsx", kwargs={"year": year})).content),
                       data_only=True)
    assert Decimal(str(wb.active["D3"].value)) == Decimal("300000")
    versions = client.get(reverse("annualplan:plan_versions", kwargs={"year": year})).content.decode()
    assert "Sent for consultation" in versions and "Adopted" in versions
    assert client.get(reverse("annualplan:plan_compare", kwargs={"year": year, "number": 1})).status_code == 200

    as_("chair")
    client.post(reverse("annualplan:plan_close", kwargs={"year": year}))
    assert Plan.objects.get(year=year).status == Plan.Status.CLOSED
    # Every change is in the audit history, with who made it.
    assert {h.history_user.username for h in plan.history.all() if h.history_user} >= {"chair", "director"}
