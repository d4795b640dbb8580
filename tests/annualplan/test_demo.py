"""The demo data: the 2026-style journey's starting point, and idempotent."""
from django.core.management import call_command

from annualplan.models import Activity, ConsultationAnswer, FollowUp, Plan, ResourceAssignment, UnitActionPlan
from annualplan.selectors import consultation_missing_answers


def test_demo_has_a_plan_in_follow_up_and_one_in_consultation(demo, db, today):
    current = Plan.objects.get(year=today.year)
    nxt = Plan.objects.get(year=today.year + 1)
    assert current.status == Plan.Status.FOLLOW_UP
    assert nxt.status == Plan.Status.CONSULTATION
    assert Activity.objects.filter(plan=current).count() >= 12
    assert ResourceAssignment.objects.filter(activity__plan=current).exists()
    assert FollowUp.objects.filter(activity__plan=current, quarter=3).count() == 12
    assert 0 < ConsultationAnswer.objects.filter(plan=nxt).count() < 22
    missing = {m.user.username for m in consultation_missing_answers(nxt)}
    assert "infochef" in missing
    assert UnitActionPlan.objects.filter(organisation__code="W", year=today.year).exists()


def test_seed_is_idempotent(demo, db):
    counts = (Activity.objects.count(), ResourceAssignment.objects.count(), FollowUp.objects.count(),
              ConsultationAnswer.objects.count())
    call_command("seed_demo", force=True, verbosity=0)
    assert counts == (Activity.objects.count(), ResourceAssignment.objects.count(), FollowUp.objects.count(),
                      ConsultationAnswer.objects.count())
