import datetime as dt
from decimal import Decimal

import factory

from fees import services
from fees.models import Budget, BudgetLine
from governance.authority import today
from governance.people.models import Organisation
from tests.governance.factories import UserFactory, org


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"feeadmin{n}")
    is_superuser = True
    is_staff = True


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget
        django_get_or_create = ("year",)

    year = 2030
    system_owner = factory.LazyFunction(lambda: org("O"))
    carry_over = Decimal(0)
    other_income = Decimal(0)


def budget_with_total(year: int, total: int, **kwargs) -> Budget:
    budget = BudgetFactory(year=year, **kwargs)
    BudgetLine.objects.create(budget=budget, category=BudgetLine.Category.CONSULTANTS, amount=Decimal(total))
    return budget


def decided(year: int, total: int, actor, method="equal", on=None):
    """A budget, a proposal (equal shares) and its decision for `year`."""
    budget = budget_with_total(year, total)
    proposal = services.proposal_create(budget=budget, actor=actor)
    if method != "equal":
        proposal.method = method
        proposal.save()
    # Decided the autumn before the year, or today for a year that is further ahead (a decision is
    # never dated in the future).
    day = on or min(dt.date(year - 1, 11, 1), today())
    decision = services.proposal_decide(proposal=proposal, actor=actor, decided_on=day)
    return budget, proposal, decision


def set_payers(n: int) -> list[Organisation]:
    """Make exactly `n` organisations fee payers (adds extra ones above the 22)."""
    payers = list(Organisation.objects.filter(pays_fee=True).order_by("sort_order"))
    if n <= len(payers):
        Organisation.objects.filter(pk__in=[o.pk for o in payers[n:]]).update(pays_fee=False)
        return payers[:n]
    for i in range(n - len(payers)):
        payers.append(Organisation.objects.create(code=f"Q{i}", name=f"Extra {i}", short_name=f"Extra {i}",
                                                  kind="county_board", sort_order=100 + i))
    return payers


def invoicing_details() -> None:
    """Every organisation's invoicing details filled in (the demo's made-up ones), so an invoice can
    be sent; a test of a missing detail blanks the one it needs."""
    from fees.demo import demo_parties

    demo_parties()
