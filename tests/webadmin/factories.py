import datetime as dt
from decimal import Decimal

import factory

from governance.bodies.models import Body, Membership
from tests.governance.factories import MembershipFactory, UserFactory, info_manager, org, standing
from webadmin.models import FeatureRequest, Role, RoleAssignment


def role(code: str) -> Role:
    return Role.objects.get(code=code)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    role = factory.LazyFunction(lambda: role(Role.Code.EDITORIAL_MANAGER))
    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda a: a.user.organisation)
    start = dt.date(2026, 1, 1)
    end = dt.date(2026, 12, 31)
    share = Decimal("0.25")


class FeatureRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeatureRequest

    title = factory.Sequence(lambda n: f"Önskemål {n}")
    site = FeatureRequest.Site.EXTERNAL
    problem = "Problemet"
    proposal = "Förslaget"
    affected = "Alla"
    submitted_by = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda r: r.submitted_by.organisation)


def communicator(code: str = "AB", **kwargs):
    """A member of the communicators' network from 2020 on."""
    user = UserFactory(organisation=org(code), **kwargs)
    MembershipFactory(body=standing(Body.Kind.COMMUNICATORS_NETWORK), user=user)
    return user


def steering_group(year: int, chair_code: str = "F", members=("M", "AB", "E", "O", "BD")):
    """A steering group for `year` chaired by the information manager of `chair_code`.
    Returns (body, chair user, member users)."""
    body = Body.objects.create(kind=Body.Kind.STEERING_GROUP, year=year, name="Styrgruppen")
    chair = info_manager(chair_code)
    MembershipFactory(body=body, user=chair, position=Membership.Position.CHAIR,
                      start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    others = []
    for code in members:
        person = info_manager(code)
        MembershipFactory(body=body, user=person, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
        others.append(person)
    return body, chair, others


def assign(code: str, user, *, year: int = 2026, share: str = "0.25") -> RoleAssignment:
    return RoleAssignmentFactory(role=role(code), user=user, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31),
                                 share=Decimal(share))
