"""Money and model rules: the compensation is exact, shares and rates are bounded, areas are data."""
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError

from annualplan.models import Area, ConsultationAnswer, ResourceAssignment
from governance.money import compensation_for

from .factories import ActivityFactory, AssignmentFactory, PlanFactory, org


def test_compensation_is_salary_times_share_times_one_plus_rate():
    assert compensation_for(Decimal("600000"), Decimal("0.5"), Decimal("0.3142")) == Decimal("394260.00")


def test_compensation_is_exact_decimal_rounded_once_to_ore():
    salary, share, rate = Decimal("512345.67"), Decimal("0.333"), Decimal("0.3142")
    exact = salary * share * (1 + rate)
    assert compensation_for(salary, share, rate) == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # Float arithmetic would drift; Decimal does not.
    assert str(compensation_for(Decimal("0.10"), Decimal("1"), Decimal("0.2"))) == "0.12"


@pytest.mark.django_db
def test_assignment_stores_its_compensation():
    a = AssignmentFactory(salary_cost=Decimal("640000"), share=Decimal("0.8"), social_fee_rate=Decimal("0.3142"))
    a.refresh_from_db()
    assert a.compensation == Decimal("672870.40")


@pytest.mark.django_db
@pytest.mark.parametrize("share", ["0", "1.5", "-0.1"])
def test_share_of_full_time_must_be_above_zero_and_at_most_one(share):
    activity = ActivityFactory()
    assignment = ResourceAssignment(activity=activity, organisation=org("F"), share=Decimal(share),
                                    salary_cost=Decimal("500000"), social_fee_rate=Decimal("0.3142"))
    with pytest.raises(ValidationError) as exc:
        assignment.full_clean()
    assert "share" in exc.value.error_dict


@pytest.mark.django_db
def test_the_seven_areas_are_seeded_as_data():
    codes = list(Area.objects.order_by("sort_order").values_list("code", flat=True))
    assert codes == ["web", "projects", "strategic", "development_support", "crisis", "competence", "other"]
    assert Area.objects.get(code="crisis").name == "Nationellt samordnad kriskommunikation"


@pytest.mark.django_db
@pytest.mark.parametrize("position", ["endorse_comments", "object"])
def test_an_answer_with_comments_needs_comments(position, django_user_model):
    from tests.governance.factories import UserFactory

    answer = ConsultationAnswer(plan=PlanFactory(), organisation=org("W"), answered_by=UserFactory(),
                                position=position, comments="  ")
    with pytest.raises(ValidationError) as exc:
        answer.full_clean()
    assert "Write your comments" in str(exc.value)


@pytest.mark.django_db
def test_one_plan_per_year():
    PlanFactory(year=2040)
    from annualplan.models import Plan

    with pytest.raises(ValidationError):
        Plan(year=2040, title="Dubblett").full_clean()
