"""Proposal → decision → invoices, with the rules that must hold (each broken once)."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from fees import integrations, services
from fees.models import FeeDecision, FeeProposal, FeeShare, InternalSettlement, Invoice, KeyEntry
from governance.notifications.models import Notification
from governance.people.selectors import fee_payers
from tests.fees.factories import AdminFactory, budget_with_total, decided, invoicing_details
from tests.governance.factories import info_manager

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return AdminFactory()


def _post_key(client, proposal, **overrides):
    data = {"version": proposal.version, "method": "weights", "adjustment": "0", "motivation": "",
            "weight_label": "Anställda"}
    for o in fee_payers():
        data[f"weight_{o.code}"] = "10"
        data[f"fixed_{o.code}"] = ""
    data.update(overrides)
    return client.post(reverse("fees:proposal_edit", args=[proposal.pk]), data)


@pytest.fixture
def draft(admin):
    budget = budget_with_total(2031, 1_000_000)
    return services.proposal_create(budget=budget, actor=admin)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({f"weight_{c}": "0" for c in ["AB", "C", "D", "E", "F", "G", "H", "I", "K", "M", "N", "O", "S", "T", "U",
                                        "W", "X", "Y", "Z", "AC", "BD", "VM"]}, "A weight of 0 charges"),
        # One payer's weight of 0 is no way to exempt it: a fixed amount of 0 kr says so.
        ({"weight_W": "0"}, "A weight of 0 charges Dalarna nothing"),
        ({"fixed_VM": "2000000"}, "more than the total to raise"),
        ({"adjustment": "-2000000", "motivation": "Stort överskott"}, "must not be negative"),
        ({"weight_W": ""}, "leaves out"),
        ({"adjustment": "5000"}, "needs a motivation"),
    ],
)
def test_bad_key_gets_a_clear_error_on_the_form(client, admin, draft, overrides, message):
    client.force_login(admin)
    response = _post_key(client, draft, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.method == "equal" and draft.version == 1  # nothing saved


def test_an_organisation_twice_is_refused(admin, draft):
    payers = list(fee_payers())
    entries = [(o, Decimal(1), None) for o in payers] + [(payers[0], Decimal(2), None)]
    with pytest.raises(ValidationError, match="more than once"):
        services.proposal_update(proposal=draft, actor=admin, version=draft.version, method="weights",
                                 adjustment=Decimal(0), motivation="", weight_label="", entries=entries)


def test_stale_version_is_refused_and_input_kept(client, admin, draft):
    client.force_login(admin)
    assert _post_key(client, draft).status_code == 302
    response = _post_key(client, draft, weight_label="Min ändring")  # still version 1
    assert "Someone else saved" in response.content.decode()
    assert "Min ändring" in response.content.decode()


def test_a_second_editor_sees_the_saved_version_in_swedish_and_keeps_their_input(admin, draft, settings):
    first, second = Client(), Client()
    for editor, user in ((first, admin), (second, AdminFactory())):
        editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
        editor.force_login(user)
    assert _post_key(first, draft, weight_label="Anställda 2030").status_code == 302  # version 1 → 2
    with translation.override("sv"):
        response = _post_key(second, draft, weight_label="Min ändring")  # still version 1
    html = response.content.decode()
    assert response.status_code == 200
    saved = html.split("Versionen som någon annan sparade", 1)[1].split("</table>", 1)[0]
    assert "Anställda 2030" in saved and "Min ändring" not in saved
    assert 'value="Min ändring"' in html  # the second editor's own input, in the form below
    assert re.search(r'name="version" value="2"', html)  # saving again replaces the saved version
    draft.refresh_from_db()
    assert (draft.version, draft.weight_label) == (2, "Anställda 2030")
    assert _post_key(second, draft, weight_label="Min ändring").status_code == 302
    draft.refresh_from_db()
    assert (draft.version, draft.weight_label) == (3, "Min ändring")


def test_weights_preview_sums_exactly(client, admin, draft):
    client.force_login(admin)
    _post_key(client, draft, fixed_VM="60000", weight_AB="1150", weight_O="980")
    response = client.get(reverse("fees:proposal_detail", args=[draft.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "<svg" in html and "style=" not in html
    from fees.selectors import proposal_preview
    preview = proposal_preview(FeeProposal.objects.get(pk=draft.pk))
    assert preview.shares_sum == preview.total == Decimal(1_000_000)


def test_decision_locks_notifies_and_tells_the_plan(client, admin, draft, monkeypatch):
    told = []
    monkeypatch.setattr(integrations, "mark_plan_fee_decided", lambda *, year, actor: told.append(year) or True)
    manager = info_manager("W")
    decision = services.proposal_decide(proposal=draft, actor=admin, decided_on=dt.date(2025, 11, 1))
    assert decision.version == 1 and told == [2031]
    assert FeeShare.objects.filter(decision=decision).count() == 22
    assert sum(decision.shares.values_list("amount", flat=True)) == Decimal(1_000_000)
    note = Notification.objects.get(recipient=manager, kind="fees.share")
    assert "2031" in note.subject
    # Locked: the service refuses, and the form says so.
    with pytest.raises(ValidationError, match="locked"):
        services.proposal_update(proposal=draft, actor=admin, version=2, method="equal", adjustment=Decimal(0),
                                 motivation="", weight_label="", entries=[])
    client.force_login(admin)
    response = _post_key(client, FeeProposal.objects.get(pk=draft.pk))
    assert "locked" in response.content.decode()
    assert KeyEntry.objects.filter(proposal=draft, weight=10).count() == 0


def test_plan_mark_fee_decided_is_called_when_a_plan_exists(admin, monkeypatch):
    calls = []
    import annualplan.services as plan_services

    monkeypatch.setattr(plan_services, "plan_mark_fee_decided", lambda *, plan, actor: calls.append(plan),
                        raising=False)
    monkeypatch.setattr(integrations, "plan_for_year", lambda year: f"plan {year}")
    decided(2032, 22_000, admin)
    assert calls == ["plan 2032"]


def test_correction_is_a_new_version_with_a_reason(admin):
    budget, _, first = decided(2033, 220_000, admin)
    correction = services.proposal_create(budget=budget, actor=admin)
    assert correction.number == 2
    with pytest.raises(ValidationError, match="needs a reason"):
        services.proposal_decide(proposal=correction, actor=admin)
    second = services.proposal_decide(proposal=correction, actor=admin, reason="Fel i underlaget")
    assert (second.version, second.supersedes, second.reason) == (2, first, "Fel i underlaget")
    from fees.selectors import current_decision
    assert current_decision(2033) == second


def test_invoices_one_per_payer_numbered_and_corrections_credit_the_old(admin):
    budget, _, first = decided(2034, 2_200_000, admin)
    invoices = services.invoices_generate(decision=first, actor=admin, issue_date=dt.date(2034, 1, 10))
    assert len(invoices) == 21  # 22 payers; the system owner (O) does not invoice itself
    assert [i.number for i in invoices][:2] == ["2034-001", "2034-002"]
    assert invoices[0].issuer.code == "O" and invoices[0].due_date == dt.date(2034, 2, 9)
    assert "O" not in {i.organisation.code for i in invoices}
    settled = InternalSettlement.objects.get(decision=first)
    assert (settled.organisation.code, settled.amount, settled.recorded_on) == ("O", Decimal(100_000),
                                                                                 dt.date(2034, 1, 10))
    assert sum(i.amount for i in invoices) + settled.amount == Decimal(2_200_000)
    with pytest.raises(ValidationError, match="already been created"):
        services.invoices_generate(decision=first, actor=admin)
    correction = services.proposal_create(budget=budget, actor=admin)
    correction.adjustment, correction.motivation = Decimal(22_000), "Höjd licenskostnad"
    correction.save()
    second = services.proposal_decide(proposal=correction, actor=admin, reason="Licenser")
    with pytest.raises(ValidationError, match="corrected"):
        services.invoices_generate(decision=first, actor=admin)
    services.invoices_generate(decision=second, actor=admin)
    assert Invoice.objects.filter(decision=first, kind="invoice", status="credited").count() == 21
    assert Invoice.objects.filter(kind="credit_note", year=2034).count() == 21
    assert Invoice.objects.filter(year=2034).exclude(status="credited").filter(kind="invoice").count() == 21
    numbers = list(Invoice.objects.filter(year=2034).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 63
    # Net per organisation = the corrected share; the owner's corrected share is settled internally.
    total = sum(Invoice.objects.filter(year=2034).values_list("amount", flat=True))
    assert total + InternalSettlement.objects.get(decision=second).amount == Decimal(2_222_000)


def test_invoice_is_never_deleted_but_credited(client, admin):
    _, _, decision = decided(2035, 22_000, admin)
    invoice = services.invoices_generate(decision=decision, actor=admin)[0]
    with pytest.raises(ValidationError, match="never deleted"):
        invoice.delete()
    client.force_login(admin)
    response = client.post(reverse("fees:invoice_credit", args=[invoice.pk]), {"reason": ""})
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == "draft"  # no reason, no credit
    client.post(reverse("fees:invoice_credit", args=[invoice.pk]), {"reason": "Fel mottagare"})
    invoice.refresh_from_db()
    note = Invoice.objects.get(credits=invoice)
    assert invoice.status == "credited" and note.amount == -invoice.amount and note.number == "2035-022"


def test_send_pay_and_overdue_reminder_is_idempotent(admin):
    from fees.tasks import remind_overdue_invoices

    _, _, decision = decided(2036, 22_000, admin)
    manager = info_manager("W")
    invoices = services.invoices_generate(decision=decision, actor=admin, issue_date=dt.date(2020, 1, 1))
    invoicing_details()
    for inv in invoices:
        services.invoice_send(invoice=inv, actor=admin, on=dt.date(2020, 1, 1))
    services.invoice_mark_paid(invoice=invoices[0], actor=admin, paid_on=dt.date(2020, 1, 20))
    with pytest.raises(ValidationError, match="Only a sent or overdue"):
        services.invoice_mark_paid(invoice=invoices[0], actor=admin)
    assert remind_overdue_invoices.apply().get() >= 1
    remind_overdue_invoices.apply().get()
    w_invoice = next(i for i in invoices if i.organisation.code == "W")
    w_invoice.refresh_from_db()
    assert w_invoice.status == "overdue"
    assert Notification.objects.filter(recipient=manager, kind="fees.invoice_overdue").count() == 1
    invoices[0].refresh_from_db()
    assert invoices[0].status == "paid"


def test_fee_decided_without_permission_is_refused(draft):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.proposal_decide(proposal=draft, actor=info_manager("W"))


def test_fee_allocation_command_prints_csv(admin, draft, capsys):
    from django.core.management import call_command

    call_command("fee_allocation", "2031")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "code,name,share"
    assert out[1].startswith("AB,Länsstyrelsen i Stockholms län,")
    assert sum(int(line.rsplit(",", 1)[1]) for line in out[1:]) == 1_000_000
    services.proposal_decide(proposal=draft, actor=admin)
    call_command("fee_allocation", "2031")
    assert capsys.readouterr().err.startswith("decided")


def test_staff_costs_come_from_the_plan_when_it_provides_them(admin, monkeypatch):
    budget = budget_with_total(2037, 1000)
    monkeypatch.setattr(integrations, "staff_cost_total", lambda year: None)
    with pytest.raises(ValidationError, match="does not provide staff costs"):
        services.budget_refresh_staff_costs(budget=budget, actor=admin)
    monkeypatch.setattr(integrations, "staff_cost_total", lambda year: Decimal("500000") * Decimal("1.3142"))
    line = services.budget_refresh_staff_costs(budget=budget, actor=admin)
    assert line.from_plan and line.amount == Decimal("657100.00")
    assert FeeDecision.objects.count() == 0


def test_a_refused_decision_shows_the_reason_and_keeps_the_directors_input(admin, client):
    """A correction without a reason is refused on the page, with the date the director typed."""
    budget, _, _ = decided(2034, 220_000, admin)
    correction = services.proposal_create(budget=budget, actor=admin)
    client.force_login(admin)
    response = client.post(reverse("fees:proposal_decide", args=[correction.pk]), {"decided_on": "2033-11-20"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A correction needs a reason." in html or "En rättelse behöver ett skäl." in html
    assert 'value="2033-11-20"' in html
    correction.refresh_from_db()
    assert not correction.is_locked


def test_an_unknown_proposal_is_404(admin, client):
    client.force_login(admin)
    assert client.get(reverse("fees:proposal_detail", args=[987654])).status_code == 404


def test_the_proposal_page_shows_an_edit_and_a_lost_right_on_the_next_view(client):
    from fees import selectors as fee_selectors
    from governance.bodies.models import Membership
    from governance.bodies.services import membership_end

    manager = info_manager("W")
    budget = budget_with_total(2031, 2_200_000)
    proposal = services.proposal_create(budget=budget, actor=manager)
    client.force_login(manager)
    url = reverse("fees:proposal_detail", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert "<strong>2,200,000 kr</strong>" in page  # the total fee

    proposal.refresh_from_db()
    services.proposal_update(
        proposal=proposal, actor=manager, version=proposal.version, method=proposal.method,
        adjustment=Decimal("110000"), motivation="Ny licens för webbplattformen", weight_label="",
        entries=[(e.organisation, e.weight, e.fixed_amount) for e in fee_selectors.key_entries(proposal)],
    )
    page = client.get(url).content.decode()
    assert "Ny licens för webbplattformen" in page
    assert "<strong>2,310,000 kr</strong>" in page

    # The information manager leaves the network: the right to see the budget goes with it.
    membership_end(membership=Membership.objects.get(user=manager), end=dt.date(2020, 1, 2), actor=None)
    assert client.get(url).status_code == 403


def test_a_decided_proposal_shows_what_was_decided_after_the_budget_changes(client, admin):
    """Issue 15: a budget change after the decision made the decided proposal show new figures."""
    from fees.models import BudgetLine
    from governance.money import format_kronor

    budget, proposal, decision = decided(2036, 220_000, admin)
    BudgetLine.objects.filter(budget=budget).update(amount=Decimal(440_000))
    client.force_login(admin)
    with translation.override("en"):
        page = client.get(reverse("fees:proposal_detail", args=[proposal.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count(format_kronor(10_000)) >= 22, "each payer's decided share is shown"
    assert not re.search(r"(?<![\d,\s\u202f])" + re.escape(format_kronor(20_000)), html), \
        "no share computed from the changed budget"
    assert format_kronor(220_000) in html
    assert "The budget has changed since the decision" in html and format_kronor(440_000) in html
