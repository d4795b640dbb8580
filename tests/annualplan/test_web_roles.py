"""The web management roles in the operating plan: their compensation is part of the plan's staff
costs per organisation and in total (what the fees app reads), the plan page shows them, and so do
the printable page and the exports."""
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from annualplan import selectors
from annualplan.models import Plan
from tests.clock import at
from tests.governance.factories import UserFactory, org
from tests.webadmin.factories import role
from webadmin import services as web_services
from webadmin.models import Role

from .factories import ActivityFactory, AssignmentFactory, PlanFactory, steering_group_of

pytestmark = pytest.mark.django_db

YEAR = 2031  # not a leap year


def _role(code=Role.Code.WEB_LEAD, org_code="C", start=dt.date(YEAR, 7, 1), end=None, share="0.50",
          salary="600000", last_name="Webb"):
    person = UserFactory(organisation=org(org_code), first_name="Vera", last_name=last_name)
    return web_services.role_assign(role=role(code), user=person, start=start, end=end, share=Decimal(share),
                                    salary_cost=Decimal(salary), social_fee_rate=Decimal("0.3142"),
                                    decided_on=start, actor=None)


@pytest.fixture
def plan():
    plan = PlanFactory(year=YEAR, status=Plan.Status.FOLLOW_UP)
    AssignmentFactory(activity=ActivityFactory(plan=plan), organisation=org("C"))  # 394 260.00 kr
    AssignmentFactory(activity=ActivityFactory(plan=plan), organisation=org("W"))  # 394 260.00 kr
    return plan


def test_a_half_time_role_from_1_july_flows_into_the_organisations_staff_costs(plan):
    _role()  # 600 000 × 0.5 × 184/365 × 1.3142 = 198 750.2466 … → 198 750.25
    costs = selectors.staff_costs_by_organisation(YEAR)
    assert costs == {org("C").pk: Decimal("394260.00") + Decimal("198750.25"), org("W").pk: Decimal("394260.00")}
    assert selectors.staff_cost_total(YEAR) == Decimal("987270.25")
    [row_c, row_w] = selectors.staff_by_organisation(YEAR)
    assert (row_c.organisation, row_c.activities, row_c.web_roles, row_c.total) == (
        "Uppsala", Decimal("394260.00"), Decimal("198750.25"), Decimal("593010.25"))
    assert row_w.web_roles == Decimal("0")


def test_a_role_without_a_plan_activity_adds_its_organisation(plan):
    _role(org_code="E")
    assert selectors.staff_costs_by_organisation(YEAR)[org("E").pk] == Decimal("198750.25")


def test_a_contact_person_without_a_share_adds_nothing(plan):
    _role(code=Role.Code.SYSTEM_ADMINISTRATOR, org_code="IT", share="0", salary="0", start=dt.date(YEAR, 1, 1))
    assert org("IT").pk not in selectors.staff_costs_by_organisation(YEAR)
    assert selectors.staff_cost_total(YEAR) == Decimal("788520.00")
    assert len(selectors.web_role_costs(YEAR)) == 1  # still listed among the roles


def test_a_role_over_new_year_splits_between_the_two_years(plan):
    _role(start=dt.date(YEAR, 10, 1), end=dt.date(YEAR + 1, 3, 31))
    assert selectors.staff_costs_by_organisation(YEAR)[org("C").pk] == Decimal("394260.00") + Decimal("99375.12")
    assert selectors.staff_costs_by_organisation(YEAR + 1) == {org("C").pk: Decimal("98026.39")}  # 91 of 366 days
    assert selectors.staff_cost_total(YEAR + 1) == Decimal("98026.39")


def test_ending_a_role_changes_the_plans_figure(plan):
    assignment = _role(start=dt.date(YEAR, 1, 1))
    assert selectors.staff_cost_total(YEAR) == Decimal("788520.00") + Decimal("394260.00")
    web_services.role_assignment_end(assignment=assignment, end=dt.date(YEAR, 3, 31), actor=None)
    # 1 January – 31 March: 90 of 365 days. 394 260 × 90/365 = 97 214.79 …
    assert selectors.staff_cost_total(YEAR) == Decimal("788520.00") + Decimal("97214.79")


@pytest.fixture
def viewer(client):
    members = steering_group_of(YEAR)
    at(dt.date(YEAR, 6, 1))
    client.force_login(members[1])
    return client


def test_the_plan_page_shows_the_roles_and_the_staff_per_organisation(plan, viewer):
    _role()
    _role(code=Role.Code.SYSTEM_ADMINISTRATOR, org_code="IT", share="0", salary="0", start=dt.date(YEAR, 1, 1),
          last_name="Drift")
    html = viewer.get(reverse("annualplan:plan_detail", kwargs={"year": YEAR})).content.decode()
    assert '<h2 id="web-roles-heading">Web management roles</h2>' in html
    assert f"<caption>Web management roles running in {YEAR}, with the compensation in kronor" in html
    assert (f"<tr><td>Web development lead</td><td>Vera Webb</td><td>Uppsala</td>"
            f"<td class=\"text-nowrap\">{YEAR}-07-01 – {YEAR}-12-31</td>"
            in html)
    assert '<td class="num">0.50</td><td class="num">0.2521</td><td class="num">198,750</td>' in html
    assert "<td>Vera Drift</td><td>IT-enheten</td>" in html  # listed, paid nothing
    assert '<th scope="row" colspan="5">Total</th><td class="num">0.2521</td><td class="num">198,750</td>' in html
    # Staff compensation per organisation: activities + web roles = total; the sum is what the budget takes.
    assert '<h2 id="staff-heading">Staff compensation per organisation</h2>' in html
    assert ('<tr><th scope="row">Uppsala</th><td class="num">394,260</td><td class="num">198,750</td>'
            '<td class="num">593,010</td></tr>') in html
    assert ('<tfoot><tr><th scope="row">Total</th><td class="num">788,520</td><td class="num">198,750</td>'
            '<td class="num">987,270</td></tr></tfoot>') in html
    assert "IT-enheten</th>" not in html  # no row for an organisation paid nothing


def test_the_plan_page_without_roles_says_so(plan, viewer):
    html = viewer.get(reverse("annualplan:plan_detail", kwargs={"year": YEAR})).content.decode()
    assert f"No web management role is assigned in {YEAR}." in html
    assert '<td class="num">788,520</td><td class="num">0</td><td class="num">788,520</td>' in html


def test_the_print_page_pdf_and_xlsx_include_the_roles(plan, viewer):
    _role()
    _role(code=Role.Code.EDITORIAL_MANAGER, org_code="E", start=dt.date(YEAR, 1, 1), share="0.30", salary="540000",
          last_name="Redaktör")  # 540 000 × 0.3 × 1.3142 = 212 900.40
    page = viewer.get(reverse("annualplan:plan_print", kwargs={"year": YEAR})).content.decode()
    assert "<td>Web development lead</td><td>Vera Webb</td>" in page and "Vera Redaktör" in page
    assert "Staff compensation in total (activities and web management roles)" in page
    assert '<td class="num">411,651</td><td class="num">1,200,171</td>' in page  # 198 750.25 + 212 900.40
    pdf = viewer.get(reverse("annualplan:plan_pdf", kwargs={"year": YEAR}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    data = viewer.get(reverse("annualplan:plan_xlsx", kwargs={"year": YEAR})).content
    formulas, values = load_workbook(io.BytesIO(data)), load_workbook(io.BytesIO(data), data_only=True)
    assert formulas.sheetnames == ["Activities", "Web management roles", "Staff per organisation"]
    roles, roles_v = formulas["Web management roles"], values["Web management roles"]
    assert [roles_v.cell(r, 2).value for r in (2, 3)] == ["Vera Webb", "Vera Redaktör"]  # by organisation
    assert roles["J4"].value == "=SUM(J2:J3)" and roles["G4"].value == "=SUM(G2:G3)"
    column = [Decimal(str(roles_v[f"J{r}"].value)) for r in (2, 3)]
    assert column == [Decimal("198750.25"), Decimal("212900.40")]
    assert Decimal(str(roles_v["J4"].value)) == sum(column)
    staff, staff_v = formulas["Staff per organisation"], values["Staff per organisation"]
    last = staff.max_row
    assert [staff_v.cell(r, 1).value for r in range(2, last)] == ["Uppsala", "Östergötland", "Dalarna"]
    for col in "BCD":
        assert staff[f"{col}{last}"].value == f"=SUM({col}2:{col}{last - 1})"
        rows = [Decimal(str(staff_v[f"{col}{r}"].value)) for r in range(2, last)]
        assert Decimal(str(staff_v[f"{col}{last}"].value)) == sum(rows)
    assert Decimal(str(staff_v[f"D{last}"].value)) == selectors.staff_cost_total(YEAR) == Decimal("1200170.65")


def test_a_saved_version_holds_the_roles_and_the_comparison_shows_their_change(plan, viewer):
    from annualplan import services as plan_services
    from annualplan.compare import compare

    first = plan_services.plan_snapshot(plan=plan, label="Före", actor=None)
    _role()  # 198 750.25 kr from 1 July
    second = plan_services.plan_snapshot(plan=plan, label="Efter", actor=None)
    assert second.snapshot["totals"]["web_roles"] == "198750.25"
    assert [(r["role"], r["person"], r["compensation"]) for r in second.snapshot["web_roles"]] == [
        ("web_lead", "Vera Webb", "198750.25")]
    totals = {key: delta for key, _old, _new, delta in compare(first.snapshot, second.snapshot).totals}
    assert totals["web_roles"] == Decimal("198750.25") and totals["staff"] == Decimal("0")
    # A version saved before roles were paid through the plan has no such total: no row, not "0 → x".
    old = {**first.snapshot, "totals": {k: v for k, v in first.snapshot["totals"].items() if k != "web_roles"}}
    assert "web_roles" not in {key for key, *_ in compare(old, second.snapshot).totals}
    page = viewer.get(reverse("annualplan:plan_compare", kwargs={"year": YEAR, "number": second.number}))
    assert page.status_code == 200
    assert "198" in page.content.decode()


def test_the_plan_page_shows_a_new_activity_and_a_new_web_role_on_the_next_view(client):
    from tests.webadmin.factories import RoleAssignmentFactory

    plan = PlanFactory(year=YEAR)
    ActivityFactory(plan=plan, title="Klarspråksutbildning")
    client.force_login(UserFactory(organisation=org("W")))
    url = reverse("annualplan:plan_detail", args=[YEAR])
    page = client.get(url).content.decode()
    assert "Klarspråksutbildning" in page and "Kriskommunikationsövning" not in page

    ActivityFactory(plan=plan, title="Kriskommunikationsövning")
    assert "Kriskommunikationsövning" in client.get(url).content.decode()

    # Another app's table: a web role assigned for the year is paid through the plan at once.
    holder = UserFactory(organisation=org("C"), first_name="Sofia", last_name="Webbledare")
    RoleAssignmentFactory(user=holder, start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31),
                          share=Decimal("0.5"), salary_cost=Decimal("600000"))
    assert "Sofia Webbledare" in client.get(url).content.decode()
