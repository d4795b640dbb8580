"""The demo data and the start-page panels, on the demo (module-scoped)."""
import pytest

from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.meetings.models import Meeting
from governance.people.models import User
from webadmin import selectors
from webadmin.models import FeatureRequest, HandbookPage, Role
from webadmin.services import composition_errors


@pytest.fixture
def day(demo, db):
    return today()


def _caps(user) -> set[str]:
    from webadmin.rules import CODENAMES

    return {c for c in CODENAMES if user.has_perm(f"webadmin.{c}")}


def test_every_role_but_one_is_assigned(day):
    assert [r.code for r in selectors.vacant_roles(on=day)] == [Role.Code.STRUCTURE_OWNER]
    assert selectors.web_lead(on=day).user.username == "weblead"
    owner = selectors.process_owner(on=day)
    assert owner.organisation.code == "F" and owner.person.username == "chair"


def test_the_demo_group_keeps_the_rules(day):
    wmg = selectors.web_management_group(day.year)
    members = list(selectors.group_members(wmg, on=day))
    chair = [m.user for m in members if m.position == Membership.Position.CHAIR]
    others = [m.user for m in members if m.position == Membership.Position.MEMBER]
    assert [u.username for u in chair] == ["weblead"] and len(others) == 5
    assert composition_errors(chair=chair[0], members=others, on=day) == []


def test_two_meetings_held_and_about_twenty_requests(day):
    c = selectors.meeting_compliance(day.year, day)
    assert c.held == 2
    assert Meeting.objects.filter(body__kind=Body.Kind.WEB_MANAGEMENT_GROUP).count() == 2
    statuses = set(FeatureRequest.objects.values_list("status", flat=True))
    assert FeatureRequest.objects.count() == 20 and len(statuses) == 7
    assert HandbookPage.objects.filter(kind="faq").exists() and HandbookPage.objects.filter(kind="handbook").exists()


def test_demo_permissions(day):
    assert _caps(User.objects.get(username="weblead")) == {"lead_web"}
    assert _caps(User.objects.get(username="chair")) == {"decide_web"}
    assert _caps(User.objects.get(username="webb-funktion")) == {"triage_requests"}
    assert _caps(User.objects.get(username="webb-support")) == {"edit_handbook"}
    assert _caps(User.objects.get(username="communicator")) == set()


def test_the_web_lead_sees_vacancies_and_quota_but_no_triage_she_cannot_do(day, login):
    body = login("weblead").get("/").content.decode()
    assert "Vakanta roller i webbförvaltningen" in body or "Vacant web management roles" in body
    assert "2 av 4 hållna, inget gemensamt möte planerat" in body or "2 of 4 held, no joint meeting scheduled" in body
    from webadmin.dashboard import panels

    assert "webadmin/panels/triage.html" not in [p.template for p in panels(User.objects.get(username="weblead"), day)]


def test_min_sida_lists_the_web_management_roles_under_roles(day, login):
    body = login("weblead").get("/").content.decode()
    import re

    roles = re.search(r"<dt>(Roller|Roles)</dt>\s*<dd>(.*?)</dd>", body, re.S).group(2)
    assert "Webbutvecklingsledare" in roles or "Web development lead" in roles


def test_the_steering_group_sees_the_vacancy(day, login):
    from webadmin.dashboard import panels

    titles = [str(p.title) for p in panels(User.objects.get(username="steering"), day)]
    assert any("acan" in t or "akant" in t for t in titles)
    # (the communicator's one panel: the demo's guideline to read and confirm)
    assert [p.template for p in panels(User.objects.get(username="communicator"), day)] == [
        "webadmin/panels/to_read.html"]
    owner_titles = [p.template for p in panels(User.objects.get(username="webb-funktion"), day)]
    assert "webadmin/panels/triage.html" in owner_titles


def test_dashboard_queries_do_not_grow_with_the_rows(day, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.webadmin.factories import FeatureRequestFactory
    from webadmin.dashboard import panels

    owner = User.objects.get(username="webb-funktion")  # the feature owner: the triage panel
    with CaptureQueriesContext(connection) as before:
        panels(owner, day)
    FeatureRequestFactory.create_batch(40)
    with django_assert_num_queries(len(before)):
        result = panels(owner, day)
    assert "webadmin/panels/triage.html" in [p.template for p in result]


def test_the_yearly_meeting_reminder_data(day):
    reminder = selectors.yearly_meeting_reminder(day)
    assert reminder.meeting is not None and reminder.meeting.year == day.year
    assert reminder.occasion == f"web-representatives-meeting-{day.year}"
    usernames = {u.username for u in reminder.recipients}
    assert "weblead" in usernames and "chair" in usernames
    assert len(reminder.recipients) == 23  # 22 information managers and the web development lead


def test_the_communicator_journey(day, login):
    client = login("communicator")
    assert client.get("/webb/").status_code == 200
    response = client.post("/webb/onskemal/nytt/", {
        "title": "Bättre bildtexter", "site": "external", "problem": "p", "proposal": "f", "affected": "a",
    })
    assert response.status_code == 302
    request = FeatureRequest.objects.get(title="Bättre bildtexter")
    assert request.organisation.code == "W"
    other = FeatureRequest.objects.filter(status="accepted").exclude(supports__organisation__code="W").first()
    client.post(f"/webb/onskemal/{other.pk}/stod/")
    assert other.supports.filter(organisation__code="W").exists()
    assert client.get("/webb/handbok/?q=helpdesk").status_code == 200
