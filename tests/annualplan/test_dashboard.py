"""Start page panels: consultation to answer, adoption vote to record, follow-up due."""
import pytest
from django.urls import reverse

from annualplan.dashboard import panels
from annualplan.models import Plan
from governance.people.models import User

pytestmark = pytest.mark.usefixtures("demo", "db")


def titles(username, today):
    return [str(p.title) for p in panels(User.objects.get(username=username), today)]


def test_infochef_is_asked_to_answer_the_consultation(today, login):
    assert "Consultation to answer" in titles("infochef", today)
    assert "Consultation to answer" not in titles("communicator", today)
    assert "Consultation to answer" not in titles("chair", today)  # Jönköping has answered
    page = login("infochef").get(reverse("governance:home")).content.decode()
    assert reverse("annualplan:consultation_answer", kwargs={"year": today.year + 1}) in page


def test_the_steering_group_is_asked_to_vote(today):
    Plan.objects.filter(year=today.year + 1).update(status=Plan.Status.REVISED)
    assert "Adoption vote to record" in titles("steering", today)
    assert "Adoption vote to record" not in titles("infochef", today)


def test_the_follow_up_of_the_quarter_is_due(today, login):
    assert "Follow-up due" in titles("chair", today)
    assert "Follow-up due" not in titles("director", today)
    page = login("chair").get(reverse("governance:home")).content.decode()
    from annualplan.selectors import quarter_of

    assert f"have no follow-up for Q{quarter_of(today)} yet" in page


def test_panels_do_a_bounded_number_of_queries(today, django_assert_max_num_queries):
    user = User.objects.get(username="chair")
    with django_assert_max_num_queries(10):
        panels(user, today)
