"""The start page ("Min sida") with every app's panels: the same number of queries at 1 and at 50
rows of what the panels show (meetings, unread notifications, join requests, proposals, feature
requests), for the demo roles whose panels read the most."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.authority import today
from governance.bodies.selectors import information_managers, steering_group
from governance.meetings.models import Meeting
from governance.networks.models import JoinRequest, Proposal
from governance.notifications.models import Notification
from governance.people.models import User
from tests.governance.factories import MeetingFactory
from tests.webadmin.factories import FeatureRequestFactory, communicator


def _add_rows(user: User, n: int) -> None:
    now = timezone.now()
    group = steering_group(today().year)
    for i in range(n):
        # A meeting of the user's body ahead and one behind (minutes to publish), an unread note.
        MeetingFactory(body=group, start=now + dt.timedelta(days=2 + i), end=now + dt.timedelta(days=2 + i, hours=2))
        MeetingFactory(body=group, start=now - dt.timedelta(days=40 + i),
                       end=now - dt.timedelta(days=40 + i) + dt.timedelta(hours=2))
        Notification.objects.create(kind="test", recipient=user, subject=f"S{i}", dedupe_key=uuid.uuid4().hex)
    # Work of their own: an assignment to a plan activity and a proposal of theirs on its way.
    from annualplan.models import Activity, ResourceAssignment

    activities = list(Activity.objects.filter(plan__year__gte=today().year).order_by("pk")[:n])
    for activity in activities:
        ResourceAssignment.objects.create(activity=activity, organisation=user.organisation, person=user,
                                          role="Granskare", share="0.10", salary_cost="500000")
    for i in range(n):
        Proposal.objects.create(author=user, organisation=user.organisation, title=f"Eget {i}", description="D",
                                expected_benefit="B", status=Proposal.Status.RETURNED if i % 2 else Proposal.Status.DRAFT)
    managed = [m.organisation for m in information_managers().filter(user=user)]
    for i in range(n):
        FeatureRequestFactory()
        for organisation in managed:
            person = communicator(organisation.code)
            JoinRequest.objects.create(user=person, organisation=organisation)
            Proposal.objects.create(author=person, organisation=organisation, title=f"T{i}", description="D",
                                    expected_benefit="B", status=Proposal.Status.SUBMITTED)


@pytest.mark.parametrize("username", ["chair", "weblead", "infochef", "admin", "communicator"])
def test_start_page_queries_do_not_grow_with_the_rows(demo, db, login, username, django_assert_num_queries):
    client = login(username)
    user = User.objects.get(username=username)
    url = reverse("governance:home")
    _add_rows(user, 1)
    assert client.get(url).status_code == 200  # warm-up: session, content types
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _add_rows(user, 49)
    assert Meeting.objects.count() >= 100
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


# The chair's budget on the demo data is pinned with every benchmark page's in tests/test_page_budgets.py.


def test_a_communicators_min_sida_shows_their_work_and_their_proposals(demo, db, login):
    """Issue 15: a communicator's start page showed only notifications."""
    from annualplan.models import ResourceAssignment

    client = login("communicator")
    html = client.get(reverse("governance:home")).content.decode()
    user = User.objects.get(username="communicator")
    assignment = ResourceAssignment.objects.filter(person=user, activity__plan__year=today().year).first()
    assert assignment is not None, "the demo's communicator has work in this year's plan"
    assert "Ditt arbete i verksamhetsplanen" in html and assignment.activity.title in html
    assert assignment.activity.get_absolute_url() in html
    assert "0,20 av heltid" in html
    assert "Dina förslag" in html
    returned = Proposal.objects.filter(author=user, status=Proposal.Status.RETURNED).first()
    assert returned.title in html and "bearbeta det och skicka in det igen" in html
    forwarded = Proposal.objects.filter(author=user, status=Proposal.Status.FORWARDED).first()
    assert forwarded.title not in html.split("Dina förslag", 1)[1].split("</section>", 1)[0]
