"""Dates that cannot mean what they say are refused, one rule per kind of date (governance/dates.py),
each in the service that records the date, with the message the user reads."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from governance.authority import today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin():
    from tests.governance.factories import UserFactory, org

    return UserFactory(organisation=org("IT"), username="root", is_superuser=True, is_staff=True)


def test_a_fee_decision_dated_in_the_future_is_refused(admin):
    from fees import services
    from tests.fees.factories import budget_with_total

    proposal = services.proposal_create(budget=budget_with_total(today().year + 4, 22_000), actor=admin)
    with pytest.raises(ValidationError, match="A decision is recorded once it is made: .* is in the future"):
        services.proposal_decide(proposal=proposal, actor=admin, decided_on=today() + dt.timedelta(days=1))
    assert services.proposal_decide(proposal=proposal, actor=admin, decided_on=today()).decided_on == today()


def test_a_policy_adopted_on_a_future_day_is_refused(admin):
    from webadmin import services
    from webadmin.models import Policy

    policy = Policy.objects.create(title="Tillgänglighetspolicy", kind=Policy.Kind.choices[0][0])
    with pytest.raises(ValidationError, match="is in the future"):
        services.policy_version_adopt(policy=policy, body="Text", decided_on=today() + dt.timedelta(days=30),
                                      actor=admin)
    assert not policy.versions.exists()
    assert services.policy_version_adopt(policy=policy, body="Text", decided_on=today(), actor=admin).number == 1


def test_a_g7_report_for_a_period_not_yet_over_is_refused(admin):
    from governance.bodies.models import Body
    from governance.bodies.selectors import steering_group
    from governance.reports import services
    from tests.governance.factories import BodyFactory, MembershipFactory, info_manager

    group = steering_group(today().year) or BodyFactory(kind=Body.Kind.STEERING_GROUP, year=today().year)
    member = info_manager("C")
    MembershipFactory(body=group, user=member, start=dt.date(today().year, 1, 1))
    with pytest.raises(ValidationError, match="A report covers a period that is over: .* has not passed yet"):
        services.g7_report_create(start=today().replace(day=1), end=today(), actor=member)
    report, created = services.g7_report_create(start=today() - dt.timedelta(days=30),
                                                end=today() - dt.timedelta(days=1), actor=member)
    assert created and report.pk


def test_a_payment_before_its_invoice_or_in_the_future_is_refused(admin):
    from fees import services
    from fees.models import Invoice
    from tests.fees.factories import decided, invoicing_details

    _, _, decision = decided(today().year + 5, 22_000, admin)
    issued = today() - dt.timedelta(days=10)
    invoice = services.invoices_generate(decision=decision, actor=admin, issue_date=issued)[0]
    invoicing_details()
    services.invoice_send(invoice=invoice, actor=admin, on=issued)
    with pytest.raises(ValidationError, match="is before the invoice date"):
        services.invoice_mark_paid(invoice=invoice, actor=admin, paid_on=issued - dt.timedelta(days=365))
    with pytest.raises(ValidationError, match="is in the future"):
        services.invoice_mark_paid(invoice=invoice, actor=admin, paid_on=today() + dt.timedelta(days=1))
    assert Invoice.objects.get(pk=invoice.pk).paid_on is None
    assert services.invoice_mark_paid(invoice=invoice, actor=admin, paid_on=issued).paid_on == issued
