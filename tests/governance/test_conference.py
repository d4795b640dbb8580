"""The annual communicators' conference: each organisation's information manager registers the
people it sends — before the deadline, within the cap, its own people, once each."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from governance.networks import services
from governance.networks.models import Conference, ConferenceRegistration
from tests.governance.factories import UserFactory, info_manager, org
from tests.governance.test_networks import assert_same_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Services' messages are checked in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def conference(today):
    return Conference.objects.create(
        year=today.year + 1, title="Informatörskonferensen", date=today + dt.timedelta(days=120),
        registration_deadline=today + dt.timedelta(days=30), cap_per_organisation=2,
    )


@pytest.fixture
def managers():
    w, ab = info_manager("W", username="im-w"), info_manager("AB", username="im-ab")
    return w, ab


def person(code="W"):
    return UserFactory(organisation=org(code))


def register(conference, manager, participant, **kwargs):
    return services.registration_create(conference=conference, organisation=manager.organisation,
                                        participant=participant, actor=manager, **kwargs)


def test_register_own_people(conference, managers):
    w, _ = managers
    registration = register(conference, w, person())
    assert registration.organisation == org("W") and registration.registered_by == w
    assert registration.history.first().history_user == w


def test_after_the_deadline(conference, managers):
    w, _ = managers
    late = conference.registration_deadline + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="closed on"):
        register(conference, w, person(), on=late)
    register(conference, w, person(), on=conference.registration_deadline)  # the deadline day itself is open


def test_over_the_cap(conference, managers):
    w, _ = managers
    register(conference, w, person())
    register(conference, w, person())
    with pytest.raises(ValidationError, match="has already registered 2 participants"):
        register(conference, w, person())


def test_no_cap_means_no_limit(conference, managers):
    w, _ = managers
    conference.cap_per_organisation = None
    conference.save()
    for _ in range(5):
        register(conference, w, person())
    assert conference.registrations.count() == 5


def test_a_person_from_another_organisation(conference, managers):
    w, _ = managers
    with pytest.raises(ValidationError, match="can only register its own people"):
        register(conference, w, person("AB"))


def test_registering_twice(conference, managers):
    w, _ = managers
    participant = person()
    register(conference, w, participant)
    with pytest.raises(ValidationError, match="is already registered"):
        register(conference, w, participant)


def test_another_organisations_manager_is_refused(conference, managers, client):
    w, ab = managers
    registration = register(conference, w, person())
    with pytest.raises(PermissionDenied):
        services.registration_create(conference=conference, organisation=org("W"), participant=person(), actor=ab)
    client.force_login(ab)
    url = reverse("governance:conference_registrations", args=[conference.pk, "W"])
    assert client.get(url).status_code == 403
    add = reverse("governance:conference_register", args=[conference.pk, "W"])
    assert client.post(add, {"participant": person().pk}).status_code == 403
    assert client.post(reverse("governance:conference_unregister", args=[registration.pk])).status_code == 403
    assert ConferenceRegistration.objects.filter(pk=registration.pk).exists()
    # Their own organisation's page works.
    assert client.get(reverse("governance:conference_registrations", args=[conference.pk, "AB"])).status_code == 200


def test_views_register_errors_and_withdraw(conference, managers, client):
    w, _ = managers
    client.force_login(w)
    add = reverse("governance:conference_register", args=[conference.pk, "W"])
    assert client.get(add).status_code == 405
    participant = person()
    assert client.post(add, {"participant": participant.pk}).status_code == 302
    response = client.post(add, {"participant": participant.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert ConferenceRegistration.objects.filter(participant=participant).count() == 1
    response = client.post(add, {"participant": person("AB").pk})
    assert response.status_code == 200 and "participant" in response.context["form"].errors
    registration = ConferenceRegistration.objects.get(participant=participant)
    assert client.post(reverse("governance:conference_unregister", args=[registration.pk])).status_code == 302
    assert not ConferenceRegistration.objects.filter(pk=registration.pk).exists()


def test_withdrawing_after_the_deadline(conference, managers):
    w, _ = managers
    registration = register(conference, w, person())
    with pytest.raises(ValidationError, match="closed on"):
        services.registration_delete(registration=registration, actor=w,
                                     on=conference.registration_deadline + dt.timedelta(days=1))


def test_registrations_page_query_count(conference, managers, client, django_assert_num_queries):
    w, _ = managers
    conference.cap_per_organisation = None
    conference.save()

    def add(n):
        for _ in range(n):
            ConferenceRegistration.objects.create(conference=conference, participant=person(), organisation=org("W"),
                                                  registered_by=w)

    add(1)
    client.force_login(w)
    assert_same_queries(client, reverse("governance:conference_registrations", args=[conference.pk, "W"]), add,
                        django_assert_num_queries)


def test_everyone_sees_the_conference(conference, client):
    client.force_login(person())
    assert client.get(reverse("governance:conference_list")).status_code == 200
    assert client.get(conference.get_absolute_url()).status_code == 200
