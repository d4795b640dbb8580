"""Every irreversible action asks first (governance.web.confirm): the button's POST gets a page that
names what will happen and what is missing, and nothing is done until the same POST comes back
confirmed. No script is involved, so the strict CSP stays."""
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.test_permission_matrix import MATRIX


def _minutes(pk):
    from governance.meetings.models import Minutes

    return Minutes.objects.filter(pk=pk).values_list("status", flat=True).first()


def _attachment(pk):
    from governance.meetings.models import MeetingAttachment

    return MeetingAttachment.objects.filter(pk=pk).exists()


def _token(user):
    from governance.people.models import User

    return User.objects.get(username=user).calendar_token


def _withdrawn(pk):
    from governance.news.models import NewsItem

    return NewsItem.objects.get(pk=pk).withdrawn_at


def _election(year):
    from governance.elections.models import Election

    return Election.objects.get(year=year).status


def _plan(year):
    from annualplan.models import Plan

    return Plan.objects.get(year=year).status


# name: (who does it, what shows whether it was done, read from the URL's arguments, a phrase of
# its confirmation page in Swedish)
ACTIONS = {
    "governance:minutes_publish": ("chair", lambda kw: _minutes(kw["pk"]), "kan inte längre ändras"),
    "governance:minutes_discard": ("chair", lambda kw: _minutes(kw["pk"]), "Utkastet raderas"),
    "governance:attachment_delete": ("chair", lambda kw: _attachment(kw["pk"]), "Bilagan raderas"),
    "governance:calendar_regenerate": ("chair", lambda kw: _token("chair"), "Den gamla adressen slutar fungera"),
    "governance:calendar_revoke": ("chair", lambda kw: _token("chair"), "Din kalenderadress slutar fungera"),
    "governance:news_withdraw": ("infochef", lambda kw: _withdrawn(kw["pk"]), "Läsarna ser den inte längre"),
    "governance:election_ballot_close": ("chair", lambda kw: _election(kw["year"]), "Organisationer som inte har röstat"),
    "annualplan:plan_close_consultation": ("chair", lambda kw: _plan(kw["year"]), "Organisationer som inte har svarat"),
}


@pytest.fixture
def ballot_open(db):
    """The demo's next-year election is still in nomination: open its ballot (the state in which it
    is closed)."""
    from governance.authority import today
    from governance.elections.models import Election

    Election.objects.filter(year=today().year + 1).update(status=Election.Status.BALLOT)


@pytest.fixture
def minutes_adjusted(db):
    """The demo's draft minutes are with their adjuster: she approves them (the state in which they
    are published)."""
    from governance.meetings.models import Minutes
    from governance.meetings.services import minutes_adjust, minutes_send_for_adjustment
    from governance.people.models import User

    draft = Minutes.objects.get(status=Minutes.Status.DRAFT, meeting__title__startswith="Styrgruppsmöte: krisberedskap")
    minutes_send_for_adjustment(minutes=draft, actor=None)
    minutes_adjust(minutes=draft, actor=User.objects.get(username="steering"), approve=True)


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_an_irreversible_action_asks_first_and_does_nothing_until_confirmed(demo, db, login, ballot_open,
                                                                              minutes_adjusted, name):
    role, state, phrase = ACTIONS[name]
    row = MATRIX[name]
    kwargs = row.kwargs() if callable(row.kwargs) else row.kwargs
    url = reverse(name, kwargs=kwargs)
    client = login(role)
    if name in ("governance:calendar_revoke", "governance:calendar_regenerate"):
        client.post(reverse("governance:calendar_regenerate"), {"confirmed": "1"})  # an address to end
    before = state(kwargs)
    page = client.post(url)
    assert page.status_code == 200, page.status_code
    html = page.content.decode()
    assert 'name="confirmed" value="1"' in html and "Detta kan inte ångras." in html and phrase in html
    assert state(kwargs) == before, "the action was done without its confirmation"
    done = client.post(url, {"confirmed": "1"})
    assert done.status_code == 302
    assert state(kwargs) != before, "the confirmed action was not done"


def test_closing_the_consultation_names_who_has_not_answered(demo, db, login):
    from annualplan.models import ConsultationAnswer, Plan
    from governance.authority import today
    from governance.people.selectors import fee_payers

    plan = Plan.objects.get(year=today().year + 1)
    answered = set(ConsultationAnswer.objects.filter(plan=plan).values_list("organisation_id", flat=True))
    silent = [o.short_name for o in fee_payers() if o.pk not in answered]
    html = login("chair").post(reverse("annualplan:plan_close_consultation", kwargs={"year": plan.year})).content.decode()
    assert silent and all(name in html for name in silent)
    assert f"{len(answered)} av 22 organisationer har svarat" in html


def test_a_first_calendar_address_replaces_nothing_and_asks_nothing(demo, db, login):
    from governance.people.models import User

    User.objects.filter(username="g7").update(calendar_token="")
    response = login("g7").post(reverse("governance:calendar_regenerate"))
    assert response.status_code == 302 and User.objects.get(username="g7").calendar_token
