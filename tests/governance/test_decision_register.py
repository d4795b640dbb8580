"""The decision register (issue 16): every decision the portal records is one entry with a
registration number from the year's series, citable on its own page, listed per year with search
and filters, exported; never edited, a correction is a new entry referring to the old one."""
from __future__ import annotations

import csv
import datetime as dt
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from governance.records.models import Decision
from governance.records.services import decision_register
from tests.conftest import need_service

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_demos_decisions_are_in_the_register_with_numbers(login):
    kinds = set(Decision.objects.values_list("kind", flat=True))
    assert {Decision.Kind.ELECTION, Decision.Kind.PLAN, Decision.Kind.FEE, Decision.Kind.FUNDING,
            Decision.Kind.WEB} <= kinds
    year = Decision.objects.order_by("-year").values_list("year", flat=True).first()
    numbers = list(Decision.objects.filter(year=year, sequence__isnull=False).order_by("sequence")
                   .values_list("sequence", "number"))
    assert [s for s, _ in numbers] == list(range(1, len(numbers) + 1)), "one series per year, no gaps"
    assert all(n == f"SAM {year}/{s}" for s, n in numbers)
    html = login("communicator").get(reverse("governance:decision_register", kwargs={"year": year})).content.decode()
    for _sequence, number in numbers[:10]:
        assert number in html


def test_a_decision_is_citable_by_its_number_and_leads_to_what_it_decided(login):
    fee = Decision.objects.filter(kind=Decision.Kind.FEE).order_by("pk").first()
    page = login("communicator").get(fee.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and fee.number in html
    assert fee.body.name in html and fee.target.get_absolute_url() in html


def test_the_register_is_searched_and_filtered_by_body_and_kind(login):
    year = Decision.objects.filter(kind=Decision.Kind.WEB).values_list("year", flat=True).first()
    client = login("chair")
    url = reverse("governance:decision_register", kwargs={"year": year})
    web = list(Decision.objects.filter(year=year, kind=Decision.Kind.WEB))
    others = list(Decision.objects.filter(year=year).exclude(kind=Decision.Kind.WEB))
    html = client.get(url, {"kind": "web"}).content.decode()
    assert all(f">{d.number}<" in html for d in web) and not any(f">{d.number}<" in html for d in others)
    one = web[0]
    word = one.text.split()[1]
    html = client.get(url, {"q": one.number}).content.decode()
    assert f">{one.number}<" in html
    html = client.get(url, {"q": word, "body": one.body_id}).content.decode()
    assert f">{one.number}<" in html


def test_the_register_exports_for_swedish_spreadsheets_with_cells_that_cannot_run(login):
    decided = decision_register(kind=Decision.Kind.MINUTES, decided_on=dt.date(2031, 3, 4),
                                text="=HYPERLINK(\"http://x\")", grounds="@SUM(A1)")
    response = login("infochef").get(reverse("governance:decision_register_export",
                                             kwargs={"year": 2031, "fmt": "csv"}))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][0] == decided.number and rows[1][4].startswith("'=") and rows[1][5].startswith("'@")
    assert len(rows) == 2, "no total row"
    xlsx = login("infochef").get(reverse("governance:decision_register_export", kwargs={"year": 2031, "fmt": "xlsx"}))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_correction_is_a_new_decision_referring_to_the_old_one_and_decisions_are_never_edited(login):
    first = decision_register(kind=Decision.Kind.MINUTES, decided_on=dt.date(2031, 5, 2), text="Beslut A")
    second = decision_register(kind=Decision.Kind.MINUTES, decided_on=dt.date(2031, 5, 9), text="Beslut A rättat",
                               corrects=first)
    assert second.corrects == first and second.number != first.number
    with pytest.raises(ValidationError, match="redan rättat"):
        decision_register(kind=Decision.Kind.MINUTES, decided_on=dt.date(2031, 5, 9), text="Igen", corrects=first)
    html = login("communicator").get(first.get_absolute_url()).content.decode()
    assert second.number in html
    admin = login("admin")
    assert admin.get(reverse("admin:governance_decision_change", args=[first.pk])).status_code in (200, 403)
    assert admin.post(reverse("admin:governance_decision_change", args=[first.pk]),
                      {"text": "Ändrat"}).status_code == 403
    first.refresh_from_db()
    assert first.text == "Beslut A"


def test_a_hand_entered_number_of_the_host_agency_is_kept_and_never_given_twice():
    entry = decision_register(kind=Decision.Kind.MINUTES, decided_on=dt.date(2031, 6, 1), text="X",
                              number="LST-2031-123")
    assert (entry.number, entry.sequence) == ("LST-2031-123", None)
    with pytest.raises(ValidationError, match="används redan"):
        decision_register(kind=Decision.Kind.MINUTES, decided_on=dt.date(2031, 6, 1), text="Y", number="LST-2031-123")


def test_the_decided_fee_is_registered_once_with_its_stored_text_in_the_readers_language(login):
    from fees.models import FeeDecision
    from fees.records import register_fee_decision

    decision = FeeDecision.objects.order_by("pk").first()
    entry = register_fee_decision(decision)
    assert register_fee_decision(decision) == entry, "registering again returns the same entry"
    client = login("communicator")
    client.cookies["django_language"] = "en"
    assert "The management fee for" in client.get(entry.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "sv"
    assert "Förvaltningsavgiften för" in client.get(entry.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_decisions_registered_at_once_get_distinct_numbers():
    if connection.vendor != "postgresql":
        need_service("two people at once need PostgreSQL's row locks (DATABASE_URL=postgres://…)")
    numbers, errors = [], []

    def register(i):
        try:
            numbers.append(decision_register(kind=Decision.Kind.MINUTES, decided_on=dt.date(2032, 1, 1),
                                             text=f"Beslut {i}").number)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and sorted(numbers) == sorted({f"SAM 2032/{i}" for i in range(1, 7)})


def test_the_register_is_for_everyone_signed_in():
    assert Client().get(reverse("governance:decision_register", kwargs={"year": 2026})).status_code == 302
