"""Person pickers (issue 15: they listed all 135 people, with look-alike duplicates and no
organisation): one picker (governance.people.forms) everywhere — each active person once, named
with their organisation, by surname — and a person of another organisation refused where the row
is for one organisation."""
from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from annualplan.models import Activity, Plan, ResourceAssignment
from governance.authority import today
from governance.people.models import Organisation, User

pytestmark = pytest.mark.usefixtures("demo", "db")


def editable_activity() -> Activity:
    """An activity of next year's plan, the plan put back in preparation (where resources are added)."""
    Plan.objects.filter(year=today().year + 1).update(status=Plan.Status.DRAFT)
    return Activity.objects.filter(plan__year=today().year + 1).order_by("pk").first()


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    return [unescape(o).strip() for o in re.findall(r"<option[^>]*>(.*?)</option>", select.group(1), re.S)]


@pytest.mark.parametrize(("url_name", "role", "field"), [
    ("annualplan:assignment_create", "chair", "person"),
    ("annualplan:activity_edit", "chair", "responsible_person"),
    ("webadmin:role_assign", "chair", "user"),
])
def test_each_active_person_once_with_their_organisation(login, url_name, role, field):
    activity = editable_activity()
    kwargs = {"pk": activity.pk} if url_name.startswith("annualplan") else {}
    html = login(role).get(reverse(url_name, kwargs=kwargs)).content.decode()
    labels = [label for label in options(html, field) if not label.startswith("---")]
    active = User.objects.filter(is_active=True).select_related("organisation")
    assert len(labels) == active.count() and len(set(labels)) == len(labels), "each person once, told apart"
    for user in active[:20]:
        assert f"{user.get_full_name() or user.username} ({user.organisation.short_name})" in labels
    assert not any(u.username in labels for u in User.objects.filter(is_active=False))


def test_a_person_of_another_organisation_is_refused_for_an_organisations_assignment(login):
    activity = editable_activity()
    dalarna = Organisation.objects.get(code="W")
    other = User.objects.filter(is_active=True).exclude(organisation=dalarna).first()
    before = ResourceAssignment.objects.count()
    response = login("chair").post(reverse("annualplan:assignment_create", kwargs={"pk": activity.pk}), {
        "organisation": dalarna.pk, "person": other.pk, "role": "Redaktör", "share": "0,2", "salary_cost": "500000",
        "social_fee_rate": "0,3142"})
    assert response.status_code == 200
    assert "tillhör inte Dalarna" in response.content.decode()
    assert ResourceAssignment.objects.count() == before
