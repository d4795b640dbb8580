"""CSV imports (all or nothing) and query counts on list pages, without the demo data."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fees import services
from fees.models import BudgetLine, Invoice, Outcome
from tests.fees.factories import AdminFactory, budget_with_total, decided, set_payers


@pytest.mark.django_db
def test_followup_import_reports_bad_rows_and_saves_nothing(client):
    admin = AdminFactory()
    budget = budget_with_total(2040, 1000)
    BudgetLine.objects.create(budget=budget, category="travel", description="Resor", amount=500)
    bad = "category;description;quarter;amount\nconsultants;;1;100\ntravel;Resor;5;10\nlicences;;1;10\ntravel;Resor;2;abc\n"
    with pytest.raises(ValidationError) as exc:
        services.followup_import(budget=budget, actor=admin, text=bad)
    messages = exc.value.messages
    assert any("Row 3" in m and "quarter" in m for m in messages)
    assert any("Row 4" in m and "no budget line" in m for m in messages)
    assert any("Row 5" in m and "not an amount" in m for m in messages)
    assert Outcome.objects.count() == 0
    client.force_login(admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("fees:followup_import", args=[2040]),
                           {"file": SimpleUploadedFile("u.csv", bad.encode())})
    assert "Row 3" in response.content.decode()
    good = "category;description;quarter;amount\nconsultants;;1;100,50\ntravel;Resor;Q2;1 200\n"
    assert services.followup_import(budget=budget, actor=admin, text=good) == 2
    assert sorted(Outcome.objects.values_list("quarter", "amount")) == [(1, Decimal("100.50")), (2, Decimal(1200))]


@pytest.mark.django_db
def test_weights_import_all_or_nothing():
    admin = AdminFactory()
    budget = budget_with_total(2041, 22_000)
    proposal = services.proposal_create(budget=budget, actor=admin)
    with pytest.raises(ValidationError) as exc:
        services.proposal_import_weights(proposal=proposal, actor=admin, text="code;weight\nAB;10\nAB;12\nC;x\n")
    assert any("Row 3" in m for m in exc.value.messages) and any("Row 4" in m for m in exc.value.messages)
    with pytest.raises(ValidationError, match="leaves out"):
        services.proposal_import_weights(proposal=proposal, actor=admin, text="AB;10\n")
    proposal.refresh_from_db()
    assert proposal.method == "equal"
    from governance.reference import FEE_PAYER_CODES

    text = "\n".join(f"{c};{i + 1}" for i, c in enumerate(FEE_PAYER_CODES))
    services.proposal_import_weights(proposal=proposal, actor=admin, text=text)
    proposal.refresh_from_db()
    assert proposal.method == "weights" and proposal.key_entries.get(organisation__code="VM").weight == 22


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", ["NaN", "-Infinity", "1e999999", "1000000000000", "sNaN", "1.2.3", "=1+1"])
def test_hostile_numbers_in_an_import_are_refused_by_row_and_save_nothing(hostile):
    """Numbers a spreadsheet can hold but the portal cannot store are the row's error, not a 500."""
    admin = AdminFactory()
    budget = budget_with_total(2043, 1000)
    BudgetLine.objects.create(budget=budget, category="travel", description="Resor", amount=500)
    with pytest.raises(ValidationError) as exc:
        services.followup_import(budget=budget, actor=admin, text=f"travel;Resor;1;{hostile}\n")
    assert any("Row 1" in m and "not an amount" in m for m in exc.value.messages)
    assert Outcome.objects.count() == 0
    proposal = services.proposal_create(budget=budget, actor=admin)
    with pytest.raises(ValidationError) as exc:
        services.proposal_import_weights(proposal=proposal, actor=admin, text=f"AB;{hostile}\n")
    assert any("Row 1" in m and "is not a number" in m for m in exc.value.messages)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_invoice_list_queries_do_not_grow(client, django_assert_num_queries):
    admin = AdminFactory()
    _, _, decision = decided(2042, 22_000, admin)
    set_payers(22)
    invoices = services.invoices_generate(decision=decision, actor=admin)
    Invoice.objects.exclude(pk=invoices[0].pk).update(year=1999)  # only one row in 2042
    client.force_login(admin)
    url = reverse("fees:invoice_list") + "?year=2042"
    client.get(url)  # warm-up: the first request of a session does extra work
    n = _count(client, url)
    with django_assert_num_queries(n):
        client.get(url)
    for i in range(49):
        inv = invoices[0]
        Invoice.objects.create(number=f"2042-9{i:02d}", year=2042, sequence=900 + i, decision=decision,
                               organisation=inv.organisation, issuer=inv.issuer, amount=inv.amount,
                               issue_date=dt.date(2042, 1, 1), due_date=dt.date(2042, 2, 1), reference="x")
    assert Invoice.objects.filter(year=2042).count() == 50
    with django_assert_num_queries(n):
        response = client.get(url)
    assert response.content.decode().count("2042-9") == 49


# Session, user, permission checks, budget, proposal, key entries, last year's decision and shares …
# measured once; the point is that 1 and 50 organisations give the same number.
EXPECTED_ALLOCATION_QUERIES = 12


@pytest.mark.django_db
@pytest.mark.parametrize("payers", [1, 50])
def test_allocation_page_queries_do_not_grow(client, django_assert_num_queries, payers):
    admin = AdminFactory()
    set_payers(payers)
    budget = budget_with_total(2043, 100_000)
    proposal = services.proposal_create(budget=budget, actor=admin)
    client.force_login(admin)
    url = reverse("fees:proposal_detail", args=[proposal.pk])
    client.get(url)  # warm-up
    # The same number at 1 and at 50 organisations (measured with 1 payer).
    with django_assert_num_queries(EXPECTED_ALLOCATION_QUERIES):
        response = client.get(url)
    assert response.status_code == 200



@pytest.mark.django_db
@pytest.mark.parametrize("name", ["proposal_decide", "invoices_generate", "invoice_send", "invoice_paid",
                                  "invoice_credit", "budget_refresh_staff", "proposal_create"])
def test_actions_answer_get_with_405(client, name):
    client.force_login(AdminFactory())
    kwargs = {"year": 2050} if name in ("budget_refresh_staff", "proposal_create") else {"pk": 1}
    assert client.get(reverse(f"fees:{name}", kwargs=kwargs)).status_code == 405


@pytest.mark.django_db
def test_dashboard_panel_queries_do_not_grow(django_assert_num_queries):
    from fees.dashboard import panels

    admin = AdminFactory()
    _, _, decision = decided(2044, 22_000, admin)
    set_payers(22)
    invoices = services.invoices_generate(decision=decision, actor=admin, issue_date=dt.date(2020, 1, 1))
    Invoice.objects.filter(pk=invoices[0].pk).update(status="sent")
    day = dt.date(2044, 6, 1)
    panels(admin, day)  # warm-up: content types are cached after the first call
    with CaptureQueriesContext(connection) as ctx:
        assert panels(admin, day)[-1].template == "fees/panels/overdue.html"
    n = len(ctx.captured_queries)
    Invoice.objects.filter(decision=decision).update(status="sent")
    with django_assert_num_queries(n):
        result = panels(admin, day)
    assert result[-1].context["count"] == 21  # the system owner's own share is not invoiced
