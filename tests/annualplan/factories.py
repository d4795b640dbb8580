"""Factories for the operating plan. `steering_group_of(year)` builds a sitting six-member group."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from annualplan.models import Activity, Area, Plan, ResourceAssignment
from governance.bodies.models import Body, Membership
from tests.clock import at
from tests.governance.factories import MembershipFactory, UserFactory, info_manager, org

STEERING_CODES = ["F", "M", "AB", "E", "O", "BD"]


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("year",)

    year = 2031
    title = factory.LazyAttribute(lambda p: f"Verksamhetsplan {p.year}")
    status = Plan.Status.DRAFT


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.SubFactory(PlanFactory)
    area = factory.LazyFunction(lambda: Area.objects.order_by("sort_order").first())
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    responsible_organisation = factory.LazyFunction(lambda: org("F"))
    budget = Decimal("100000.00")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceAssignment

    activity = factory.SubFactory(ActivityFactory)
    organisation = factory.LazyFunction(lambda: org("F"))
    share = Decimal("0.5")
    salary_cost = Decimal("600000.00")
    social_fee_rate = Decimal("0.3142")


def steering_group_of(year: int, codes=STEERING_CODES) -> list:
    """Six information managers forming `year`'s steering group (the first is chair), sitting
    all year. Returns the users, chair first, and derives the permissions for a day in `year`."""
    group, _ = Body.objects.get_or_create(kind=Body.Kind.STEERING_GROUP, year=year, defaults={"name": "Styrgruppen"})
    users = []
    for n, code in enumerate(codes):
        user = info_manager(code)
        MembershipFactory(body=group, user=user, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31),
                          position=Membership.Position.CHAIR if n == 0 else Membership.Position.MEMBER)
        users.append(user)
    return users


def sync_on(day: dt.date) -> None:
    at(day)


__all__ = ["PlanFactory", "ActivityFactory", "AssignmentFactory", "steering_group_of", "sync_on", "UserFactory",
           "info_manager", "org"]
