"""A web role's size and salary cost: what the plan pays the holder's organisation for a year, the
form that asks for them, and their history."""
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from governance.money import compensation_for
from tests.clock import at
from tests.governance.factories import UserFactory, org
from tests.webadmin.factories import role, steering_group
from webadmin import selectors, services
from webadmin.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db

YEAR = 2031  # not a leap year: 365 days


def _lead(**kwargs) -> RoleAssignment:
    person = UserFactory(organisation=org("C"), first_name="Vera", last_name="Webb")
    values = {"start": dt.date(YEAR, 7, 1), "end": None, "share": Decimal("0.50"),
              "salary_cost": Decimal("600000"), "social_fee_rate": Decimal("0.3142")} | kwargs
    return services.role_assign(role=role(Role.Code.WEB_LEAD), user=person, decided_on=dt.date(YEAR, 6, 1),
                                actor=None, **values)


def test_the_rows_of_a_year_carry_the_compensation_for_the_part_of_the_year(django_assert_num_queries):
    _lead()
    with django_assert_num_queries(1):
        [cost] = selectors.role_costs(YEAR)
    # 1 July – 31 December: 184 of 365 days. 600 000 × 0.5 × 184/365 × 1.3142 = 198 750.2466 … kr
    assert cost.days == 184 and cost.annual_share == Decimal("0.2521")
    assert cost.compensation == Decimal("198750.25")
    assert cost.compensation == compensation_for(Decimal("600000"), Decimal("0.5"), Decimal("0.3142"),
                                                 part_of_year=Fraction(184, 365))
    # Rounded once: through the rounded annual share it would be 600 000 × 0.2521 × 1.3142 = 198 785.96.
    assert cost.compensation != (Decimal("600000") * cost.annual_share * Decimal("1.3142")).quantize(
        Decimal("0.01"))
    assert (cost.person, cost.organisation, cost.start, cost.end) == ("Vera Webb", "Uppsala", dt.date(YEAR, 7, 1),
                                                                    dt.date(YEAR, 12, 31))
    with translation.override("en"):
        assert cost.role == "Web development lead"


def test_an_assignment_over_new_year_is_paid_for_each_year_by_its_days():
    _lead(start=dt.date(YEAR, 10, 1), end=dt.date(YEAR + 1, 3, 31))
    [this] = selectors.role_costs(YEAR)
    [leap] = selectors.role_costs(YEAR + 1)  # 2032 has 366 days
    assert (this.days, leap.days) == (92, 91)
    assert this.compensation == Decimal("99375.12")  # 394 260 × 92/365 = 99 375.123 …
    assert leap.compensation == Decimal("98026.39")  # 394 260 × 91/366 = 98 026.393 …


def test_the_service_keeps_old_callers_and_the_defaults():
    person = UserFactory(organisation=org("E"))
    a = services.role_assign(role=role(Role.Code.EDITORIAL_MANAGER), user=person, start=dt.date(YEAR, 1, 1),
                             decided_on=dt.date(YEAR, 1, 1), actor=None, share=Decimal("0.3"))
    assert a.salary_cost == Decimal("0") and a.social_fee_rate == Decimal("0.3142")
    assert selectors.role_costs(YEAR)[0].compensation == Decimal("0.00")


def test_the_web_lead_is_appointed_with_a_salary_cost():
    a = services.web_lead_appoint(user=UserFactory(organisation=org("C")), start=dt.date(YEAR, 1, 1),
                                  end=dt.date(YEAR, 12, 31), share=Decimal("0.5"), salary_cost=Decimal("620000"),
                                  social_fee_rate=Decimal("0.3"), decided_on=dt.date(YEAR - 1, 12, 10), actor=None)
    assert (a.salary_cost, a.social_fee_rate) == (Decimal("620000"), Decimal("0.3"))
    assert selectors.role_costs(YEAR)[0].compensation == Decimal("403000.00")  # 310 000 × 1.3


@pytest.mark.parametrize("field, value", [("salary_cost", Decimal("-1")), ("social_fee_rate", Decimal("1.01"))])
def test_the_model_refuses_a_negative_salary_and_a_rate_above_one(field, value):
    with pytest.raises(ValidationError) as exc:
        _lead(**{field: value})
    assert field in exc.value.message_dict


@pytest.fixture
def chair_client(client, settings):
    _sg, chair, _ = steering_group(YEAR)
    at(dt.date(YEAR, 3, 1))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    client.force_login(chair)
    return client


def _post(client, **overrides):
    person = UserFactory(organisation=org("E"))
    data = {"role": role(Role.Code.EDITORIAL_MANAGER).pk, "user": person.pk, "start": f"{YEAR}-03-01", "end": "",
            "share": "0.30", "salary_cost": "540000", "social_fee_rate": "0.3142", "decided_on": f"{YEAR}-02-20",
            "note": ""} | overrides
    with translation.override("sv"):
        return client.post("/webb/roller/tilldela/", data).content.decode()


def test_the_form_refuses_a_negative_salary_in_swedish_and_keeps_the_input(chair_client):
    body = _post(chair_client, salary_cost="-540000")
    assert "Lönekostnaden kan inte vara negativ." in body
    assert 'value="-540000"' in body and 'value="0.30"' in body
    assert not RoleAssignment.objects.exists()


def test_the_form_refuses_a_social_fee_rate_above_one_in_swedish_and_keeps_the_input(chair_client):
    body = _post(chair_client, social_fee_rate="1.5")
    assert "Sociala avgifter anges som andel av lönen: högst 1." in body
    assert 'value="1.5"' in body and 'value="540000"' in body
    assert not RoleAssignment.objects.exists()


def test_the_form_asks_for_the_salary_and_the_social_fees_in_swedish(chair_client):
    with translation.override("sv"):
        body = chair_client.get("/webb/roller/tilldela/").content.decode()
    assert "Årlig lönekostnad på heltid (kr)" in body and "Sociala avgifter" in body


def test_the_history_records_a_salary_change_with_who(client):
    a = _lead()
    admin = UserFactory(username="webbadmin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    data = {"role": a.role_id, "user": a.user_id, "organisation": a.organisation_id, "start": a.start.isoformat(),
            "end": "", "share": "0.50", "salary_cost": "640000.00", "social_fee_rate": "0.3142", "note": ""}
    response = client.post(f"/admin/webadmin/roleassignment/{a.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest, before = a.history.order_by("-history_date", "-history_id")[:2]
    assert latest.history_user == admin and latest.salary_cost == Decimal("640000.00")
    assert before.salary_cost == Decimal("600000.00")
    assert [c.field for c in latest.diff_against(before).changes] == ["salary_cost"]
    assert selectors.role_costs(YEAR)[0].compensation == compensation_for(
        Decimal("640000"), Decimal("0.5"), Decimal("0.3142"), part_of_year=Fraction(184, 365))
