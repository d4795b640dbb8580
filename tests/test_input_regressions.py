"""What the hostile-input tests (tests/test_hostile_input.py) found, one example each (issue 15):
each failed before its fix."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from fees import services
from fees.forms import CsvUploadForm
from fees.models import BudgetLine, Outcome
from governance import csvfiles
from governance.formfields import DecimalField, VersionField
from governance.reference import FEE_PAYER_CODES
from tests.fees.factories import AdminFactory, budget_with_total


def _weights(weights: dict[str, str], separator=";") -> str:
    return "\n".join(f"{code}{separator}{weights.get(code, '1')}" for code in FEE_PAYER_CODES)


# --- CSV ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_csv_with_old_mac_line_ends_is_read():
    """A lone \\r ends a line as \\n does: was csv.Error (a 500) from the csv module."""
    admin = AdminFactory()
    proposal = services.proposal_create(budget=budget_with_total(2044, 22_000), actor=admin)
    services.proposal_import_weights(proposal=proposal, actor=admin, text=_weights({"AB": "2,5"}).replace("\n", "\r"))
    assert proposal.key_entries.get(organisation__code="AB").weight == Decimal("2.50")


@pytest.mark.django_db
def test_a_cell_over_the_csv_modules_limit_is_a_row_error():
    """A cell of 140 000 characters: was csv.Error "field larger than field limit" (a 500)."""
    admin = AdminFactory()
    budget = budget_with_total(2045, 1000)
    BudgetLine.objects.create(budget=budget, category="travel", description="Resor", amount=500)
    with translation.override("sv"), pytest.raises(ValidationError) as exc:
        services.followup_import(budget=budget, actor=admin, text=f"travel;Resor;1;{'9' * 140_000}\n")
    assert exc.value.messages == ["Rad 1 går inte att läsa: en cell är för lång, eller ett citattecken är inte "
                                  "avslutat."]
    assert not Outcome.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["1,234", "0,001", "5e-400"])
def test_more_than_two_decimals_are_refused_never_rounded(typed):
    """An amount of 1,234 kr was stored as 1,23 kr."""
    admin = AdminFactory()
    budget = budget_with_total(2046, 1000)
    BudgetLine.objects.create(budget=budget, category="travel", description="Resor", amount=500)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.followup_import(budget=budget, actor=admin, text=f"travel;Resor;1;{typed}\n")
    assert exc.value.messages == [f"Row 1: “{typed}” has more than two decimals."]
    assert not Outcome.objects.exists()
    assert csvfiles.parse_decimal("1,230") == Decimal("1.23")  # zeros are no decimals


@pytest.mark.django_db
def test_decimal_commas_unquoted_in_a_comma_separated_file_are_refused():
    """AB,1,5 is three columns: the weight was read as 1 and the 5 left out."""
    admin = AdminFactory()
    proposal = services.proposal_create(budget=budget_with_total(2047, 22_000), actor=admin)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.proposal_import_weights(proposal=proposal, actor=admin, text=_weights({"AB": "1,5"}, ","))
    assert "Row 1: expected an organisation code and a weight." in exc.value.messages
    assert proposal.key_entries.get(organisation__code="AB").weight == 0
    # An empty last column (a spreadsheet's trailing separator) is no column.
    services.proposal_import_weights(proposal=proposal, actor=admin, text=_weights({"AB": "1,5;"}))
    assert proposal.key_entries.get(organisation__code="AB").weight == Decimal("1.50")


@pytest.mark.django_db
def test_a_refusal_lists_the_first_twenty_rows_and_counts_the_rest():
    """50 000 bad rows were 50 000 messages on one page."""
    admin = AdminFactory()
    proposal = services.proposal_create(budget=budget_with_total(2048, 22_000), actor=admin)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.proposal_import_weights(proposal=proposal, actor=admin, text="AB;x\n" * 50_000)
    assert len(exc.value.messages) == 21 and exc.value.messages[-1] == "… and 49980 more errors."


def _upload(raw: bytes):
    form = CsvUploadForm(files={"file": SimpleUploadedFile("vikter.csv", raw)})
    return form.is_valid(), form


def test_excels_unicode_text_is_read_and_a_file_with_nul_is_not():
    """UTF-16 (Excel's "Unicode text", with its byte order mark) was read as Windows-1252: every
    other character a NUL, which no database column takes."""
    ok, form = _upload("kod;vikt\nAB;2,5\n".encode("utf-16"))
    assert ok and form.cleaned_data["file"] == "kod;vikt\nAB;2,5\n"
    for raw in ("AB;2,5\n".encode("utf-16-le"), b"AB;2\x00,5\n"):
        ok, form = _upload(raw)
        with translation.override("en"):
            assert not ok and form.errors["file"] == ["The file is not a readable text (CSV) file."]


# --- Forms --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["NaN", "1.5", "", "9" * 30, "<b>", "٣x"])
def test_an_unreadable_version_is_a_stale_one(typed):
    """A hidden version that came back unreadable was an error on a hidden field, which no template
    shows: the form came back with no message at all. Now it is the conflict (the service refuses
    it with the one message, and the form moves onto the saved version)."""
    assert VersionField().clean(typed) == VersionField.STALE
    assert VersionField(required=False).clean("") is None
    assert VersionField().clean("7") == 7


@pytest.mark.django_db
def test_an_unreadable_version_gets_the_conflict_message(client):
    from governance.networks.models import Proposal
    from tests.governance.factories import UserFactory

    author = UserFactory()
    proposal = Proposal.objects.create(author=author, organisation=author.organisation, title="Podd",
                                       description="Sex avsnitt.", expected_benefit="Fler når oss.")
    client.force_login(author)
    url = reverse("governance:proposal_edit", kwargs={"pk": proposal.pk})
    response = client.post(url, {"title": "Ny titel", "description": "x", "expected_benefit": "y", "version": "NaN"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan har sparat" in html and 'value="Ny titel"' in html
    proposal.refresh_from_db()
    assert proposal.title == "Podd"


@pytest.mark.django_db
def test_an_unreadable_hidden_line_id_is_said_at_the_top(client):
    """A budget line's hidden id that came back unreadable: the form came back with no message."""
    admin = AdminFactory()
    budget = budget_with_total(2049, 1000)
    line = budget.lines.get()
    client.force_login(admin)
    url = reverse("fees:budget_edit", kwargs={"year": 2049})
    data = {"version": budget.version, "carry_over": "0", "other_income": "0", "development_funds": "0",
            "system_owner": budget.system_owner_id, "notes": "", "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1", "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "1000",
            "lines-0-id": "inte ett id", "lines-0-category": line.category, "lines-0-description": "Ny",
            "lines-0-amount": "1000"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Delar av formuläret kom inte tillbaka som sidan skickade dem" in response.content.decode()
    line.refresh_from_db()
    assert line.description == ""


@pytest.mark.django_db
def test_a_user_name_longer_than_any_account_is_refused_before_it_is_tried(client):
    """300 characters went to the log-in protection, whose column holds 255: a 500 on PostgreSQL."""
    response = client.post(reverse("login"), {"username": "å" * 300, "password": "demo"})
    assert response.status_code == 200
    assert "som mest 150 tecken" in response.content.decode()


@pytest.mark.parametrize(("typed", "value"), [("0,5", "0.5"), ("0.5", "0.5"), ("1 234,50", "1234.50"),
                                              ("1\u00a0234,5", "1234.5"), ("1,234.50", "1234.50"),
                                              ("1.234,50", "1234.50"), ("−2,5", "-2.5"), ("-0", "0")])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_decimal_comma_is_a_decimal_in_either_language(typed, value, language):
    """"0,5" was refused as "Enter a number" (Django reads only the language's own separator)."""
    with translation.override(language):
        assert DecimalField(max_digits=14, decimal_places=2).clean(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["NaN", "Infinity", "1,2,3", "1.2.3", "0x1A", "½", "1_000", "12 kr"])
def test_what_is_no_number_is_refused_in_swedish(typed):
    with translation.override("sv"):
        with pytest.raises(ValidationError) as exc:
            DecimalField(max_digits=14, decimal_places=2).clean(typed)
        # The message is a lazy translation: read it while Swedish is active (a test before may
        # have left another language active in this thread).
        assert exc.value.messages == ["Fyll i ett tal."]


@pytest.mark.parametrize(("language", "shown"), [("sv", "0,25"), ("en", "0.25")])
def test_a_decimal_is_shown_in_the_users_language(language, shown):
    from django import forms

    class F(forms.Form):
        share = DecimalField(max_digits=4, decimal_places=2)

    with translation.override(language):
        html = str(F(initial={"share": Decimal("0.25")})["share"])
    assert f'value="{shown}"' in html and 'inputmode="decimal"' in html and 'type="text"' in html
