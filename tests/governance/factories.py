import datetime as dt

import factory

from governance.bodies.models import Body, Membership
from governance.people.models import Organisation, User


def org(code: str) -> Organisation:
    """Reference organisations exist in every database (data migration)."""
    return Organisation.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@samordna.example")
    organisation = factory.LazyFunction(lambda: org("AB"))
    password = factory.django.Password("demo")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    kind = Body.Kind.WORKING_GROUP
    name = factory.Sequence(lambda n: f"Arbetsgrupp {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda m: m.user.organisation)
    position = Membership.Position.MEMBER
    start = dt.date(2020, 1, 1)
    end = None


def standing(kind: str) -> Body:
    return Body.objects.get(kind=kind, year=None)


def info_manager(code: str, **kwargs) -> User:
    """A user who is the information manager of organisation `code` from 2020 on."""
    user = UserFactory(organisation=org(code), **kwargs)
    MembershipFactory(body=standing(Body.Kind.INFO_MANAGERS_NETWORK), user=user)
    return user


def stockholm(year: int, month: int, day: int, hour: int = 9, minute: int = 0):
    """An aware datetime in Europe/Stockholm."""
    from zoneinfo import ZoneInfo

    return dt.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/Stockholm"))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Meeting"

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Möte {n}")
    start = factory.LazyFunction(lambda: stockholm(2030, 3, 4, 9))
    end = factory.LazyAttribute(lambda m: m.start + dt.timedelta(hours=2))
    place = "Jönköping"
